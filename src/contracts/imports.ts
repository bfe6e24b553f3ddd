import { z } from 'zod';

/** The largest upload the server accepts, in bytes (one CRM export file). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export const uploadedFile = z.object({
  fileId: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  /** The preset detected from the header row, or null when none matched. */
  detectedPreset: z.string().nullable(),
  entity: z.string().nullable(),
  /** The first rows as read, with the mapping of source columns to salesops fields. */
  preview: z.object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    mapping: z.array(z.object({ source: z.string(), target: z.string().nullable() })),
  }),
});
export type UploadedFile = z.infer<typeof uploadedFile>;

export const startImportBody = z.strictObject({
  fileIds: z.array(z.string().max(64)).min(1).max(20),
  preset: z.string().max(64).optional(),
  dryRun: z.boolean().default(false),
});
export type StartImportBody = z.infer<typeof startImportBody>;
export const startedJob = z.object({ jobId: z.string() });

/** One file's outcome inside an import job's result. */
export const fileImportOutcome = z.object({
  file: z.string(),
  preset: z.string(),
  entity: z.string(),
  status: z.enum(['committed', 'rejected', 'dry_run', 'failed']),
  rowsRead: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() })),
});
export const importJobResult = z.object({ files: z.array(fileImportOutcome) });
export type ImportJobResult = z.infer<typeof importJobResult>;
