import type { ImportErrorCode } from './import-error.ts';
import type { ImportFileInfo } from './open-import-file.ts';
import type { EncodedBatch } from './record-codec.ts';

/** What the parse worker is started with. */
export interface ParseWorkerRequest {
  readonly path: string;
  /** OpenImportOptions: plain data, so it crosses to the worker as it is. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Batches the worker may post before the writer has taken them. */
  readonly batchesAhead: number;
}

/** The writer took a batch (the worker may post one more), or wants no more rows. */
export type ToParseWorker = { readonly type: 'take' } | { readonly type: 'stop' };

export type FromParseWorker =
  | { readonly type: 'opened'; readonly info: ImportFileInfo; readonly notes: readonly string[] }
  | { readonly type: 'batch'; readonly batch: EncodedBatch; readonly bytesRead: number }
  | { readonly type: 'done'; readonly notes: readonly string[]; readonly bytesRead: number }
  | {
      readonly type: 'failed';
      readonly code: ImportErrorCode | null;
      readonly message: string;
      readonly details: Readonly<Record<string, unknown>> | undefined;
    };
