import { z } from 'zod';

/**
 * Payload schemas shared by the server (validation and the OpenAPI document) and the web app
 * (its client types are inferred from these, so no payload is typed twice).
 */

/** Limits every list endpoint honours; a request past them is answered 400 with the limit named. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const money = z.object({ minor: z.number().int(), currency: z.string().length(3) });
export const idParam = z.object({ id: z.string().min(1).max(64) });
export const personRef = z.object({ id: z.string(), name: z.string() }).nullable();
