// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../../src/core/access/permission.ts';
import { Navigation } from './navigation.tsx';

function renderNavigation(permissions: readonly string[]) {
  render(
    <MemoryRouter>
      <Navigation permissions={permissions} />
    </MemoryRouter>,
  );
}

function linkNames(): string[] {
  return screen.getAllByRole('link').map((link) => link.textContent);
}

afterEach(cleanup);

describe('Navigation', () => {
  it('hides Import and Administration from a sales rep', () => {
    renderNavigation(permissionsOf('rep'));
    expect(linkNames()).not.toContain('Import');
    expect(screen.queryByText('Administration')).toBeNull();
  });

  it('shows the audit log but not users to finance', () => {
    renderNavigation(permissionsOf('finance'));
    expect(linkNames()).toContain('Audit log');
    expect(linkNames()).not.toContain('Users');
  });

  it('shows every area to an administrator', () => {
    renderNavigation(permissionsOf('admin'));
    expect(linkNames()).toEqual(
      expect.arrayContaining(['Opportunities', 'Accounts', 'People', 'Import', 'Audit log', 'Users', 'Settings']),
    );
  });

  it('hides the pipeline group when the user may not read the pipeline', () => {
    renderNavigation(['settings.read']);
    expect(screen.queryByText('Pipeline')).toBeNull();
    expect(linkNames()).toContain('Settings');
  });

  it('labels the areas still to come as not built yet', () => {
    renderNavigation(permissionsOf('rep'));
    expect(screen.getByRole('link', { name: /Forecasts/ }).textContent).toContain('Not built yet');
  });
});
