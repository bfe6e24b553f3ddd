/** The result of reading one cell: the value, or a reason a person can act on. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** 'us': M/D/YYYY and 1,234.56; 'eu': D.M.YYYY or D/M/YYYY and 1.234,56. */
export type Locale = 'us' | 'eu';

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (reason: string): Parsed<never> => ({ ok: false, reason });
