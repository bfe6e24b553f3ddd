// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeopleTree } from '../../../src/contracts/people.ts';
import { PeoplePage } from './people-page.tsx';

const TREE: PeopleTree = {
  asOf: '2025-06-30',
  count: 1,
  roots: [{ id: 'per_1', name: 'Vera VP', title: 'VP Sales', jobRole: 'executive', email: null, active: true, reports: [] }],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PeoplePage', () => {
  it('links the export buttons to the tree of the date on screen', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify(TREE), { status: 200 }))));
    render(
      <MemoryRouter initialEntries={['/people?asOf=2025-06-30']}>
        <PeoplePage />
      </MemoryRouter>,
    );
    await screen.findByText('Vera VP');
    expect(screen.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/people/tree/export?format=csv&asOf=2025-06-30');
    expect(screen.getByRole('link', { name: 'XLSX' }).getAttribute('href')).toBe('/api/people/tree/export?format=xlsx&asOf=2025-06-30');
  });
});
