import { useId } from 'react';

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface PaginationProps {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPageChange: (page: number) => void;
  readonly onPageSizeChange?: (pageSize: number) => void;
}

const count = new Intl.NumberFormat();

/**
 * The pagination of a server-paged list whose page and page size live in the URL's query state:
 * the page the server answered (or the one asked for while it loads), and changes written back.
 */
export function serverPagination(
  page: { readonly page: number; readonly pageSize: number; readonly total: number } | null | undefined,
  state: { readonly page: string; readonly pageSize: string },
  update: (patch: { page?: string; pageSize?: string }) => void,
): PaginationProps {
  return {
    page: page?.page ?? Number(state.page),
    pageSize: page?.pageSize ?? Number(state.pageSize),
    total: page?.total ?? 0,
    onPageChange: (next) => update({ page: String(next) }),
    onPageSizeChange: (pageSize) => update({ pageSize: String(pageSize) }),
  };
}

export function Pagination({ page, pageSize, total, onPageChange, onPageSizeChange }: PaginationProps) {
  const sizeId = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const sizes: readonly number[] = PAGE_SIZES.includes(pageSize as (typeof PAGE_SIZES)[number]) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);

  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination-summary" aria-live="polite">
        {total === 0 ? 'No rows' : `${count.format(first)}–${count.format(last)} of ${count.format(total)}`}
      </span>
      <span className="pagination-buttons">
        <button type="button" onClick={() => onPageChange(1)} disabled={page <= 1}>
          First
        </button>
        <button type="button" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span>
          Page {count.format(page)} of {count.format(pages)}
        </span>
        <button type="button" onClick={() => onPageChange(page + 1)} disabled={page >= pages}>
          Next
        </button>
        <button type="button" onClick={() => onPageChange(pages)} disabled={page >= pages}>
          Last
        </button>
      </span>
      {onPageSizeChange !== undefined && (
        <span className="pagination-size">
          <label htmlFor={sizeId}>Rows per page</label>
          <select id={sizeId} value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </span>
      )}
    </nav>
  );
}
