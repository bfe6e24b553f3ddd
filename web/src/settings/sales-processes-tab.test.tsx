// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SalesProcess } from '../../../src/contracts/settings.ts';
import { SalesProcessesTab } from './sales-processes-tab.tsx';

const stage = (id: string, name: string): SalesProcess['stages'][number] => ({ id, name, sortOrder: 1, probabilityBps: 1000, forecastCategory: 'pipeline', isClosed: false, isWon: false });
const PROCESSES: SalesProcess[] = [
  { id: 'proc_new', name: 'New Business', kind: 'new_business', isDefault: true, stages: [stage('stg_1', 'Prospecting')] },
  { id: 'proc_renew', name: 'Renewal', kind: 'renewal', isDefault: false, stages: [stage('stg_2', 'Renewal Due')] },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SalesProcessesTab', () => {
  it('links each process’s export buttons to that process’s stages', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify({ processes: PROCESSES }), { status: 200 }))));
    render(<SalesProcessesTab />);
    const renewal = (await screen.findByRole('heading', { name: /Renewal/ })).closest('section');
    if (renewal === null) throw new Error('the Renewal heading is outside a section');
    expect(within(renewal).getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/settings/sales-processes/export?format=csv&processId=proc_renew');
    expect(within(renewal).getByRole('link', { name: 'XLSX' }).getAttribute('href')).toBe('/api/settings/sales-processes/export?format=xlsx&processId=proc_renew');
  });
});
