// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../lib/http-client.ts';
import { DataTable, type Column } from './data-table.tsx';

interface Deal {
  readonly id: string;
  readonly name: string;
  readonly amount: number;
}

const COLUMNS: readonly Column<Deal>[] = [
  { key: 'name', header: 'Name', sortable: true, render: (deal) => deal.name },
  { key: 'amount', header: 'Amount', sortable: true, render: (deal) => deal.amount },
  { key: 'note', header: 'Note', render: () => '' },
];

const DEALS: readonly Deal[] = [
  { id: 'a', name: 'Acme renewal', amount: 10 },
  { id: 'b', name: 'Globex expansion', amount: 20 },
];

function renderTable(overrides: Partial<Parameters<typeof DataTable<Deal>>[0]> = {}) {
  return render(<DataTable<Deal> caption="Deals" columns={COLUMNS} rows={DEALS} rowKey={(deal) => deal.id} status="ready" emptyMessage="No deals match these filters." {...overrides} />);
}

afterEach(cleanup);

describe('DataTable', () => {
  it('shows a loading message while the first page loads', () => {
    renderTable({ rows: undefined, status: 'loading' });
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Loading…');
  });

  it('shows the empty message when the page has no rows', () => {
    renderTable({ rows: [] });
    expect(screen.getByText('No deals match these filters.')).toBeTruthy();
  });

  it('shows the server’s error message instead of rows when loading failed', () => {
    renderTable({ status: 'error', error: new HttpError(400, 'invalid_request', 'closeFrom must be a date as YYYY-MM-DD') });
    expect(screen.getByRole('alert').textContent).toContain('closeFrom must be a date as YYYY-MM-DD');
    expect(screen.queryByText('Acme renewal')).toBeNull();
  });

  it('calls back with an ascending sort when an unsorted column header is clicked', () => {
    const onSortChange = vi.fn();
    renderTable({ sort: { key: 'name', order: 'asc' }, onSortChange });
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }));
    expect(onSortChange).toHaveBeenCalledWith({ key: 'amount', order: 'asc' });
  });

  it('calls back with the order flipped when the sorted column header is clicked again', () => {
    const onSortChange = vi.fn();
    renderTable({ sort: { key: 'name', order: 'asc' }, onSortChange });
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onSortChange).toHaveBeenCalledWith({ key: 'name', order: 'desc' });
  });

  it('marks the sorted column with aria-sort and the other sortable ones as unsorted', () => {
    renderTable({ sort: { key: 'amount', order: 'desc' }, onSortChange: () => undefined });
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((header) => header.getAttribute('aria-sort'))).toEqual(['none', 'descending', null]);
  });

  it('turns to the next page from the pagination buttons', () => {
    const onPageChange = vi.fn();
    renderTable({ pagination: { page: 1, pageSize: 2, total: 5, onPageChange } });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Pages' })).getByRole('button', { name: 'Next' }));
    expect(onPageChange).toHaveBeenCalledWith(2);
  });

  it('links the export buttons to the addresses it is given', () => {
    renderTable({ exportLinks: { csv: '/api/x/export?format=csv&q=a', xlsx: '/api/x/export?format=xlsx&q=a' } });
    expect(screen.getByRole('link', { name: 'XLSX' }).getAttribute('href')).toBe('/api/x/export?format=xlsx&q=a');
  });

  it('shows a row’s details only after its toggle is pressed', () => {
    renderTable({ renderDetail: (deal) => `Details of ${deal.name}` });
    expect(screen.queryByText('Details of Globex expansion')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Show details' })[1]!);
    expect(screen.getByText('Details of Globex expansion')).toBeTruthy();
  });
});
