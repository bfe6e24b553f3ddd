/**
 * `openImportFile` with the reading and parsing done on a worker thread. A large import is bound
 * by two costs of about the same size, parsing rows and writing them; on the importing thread they
 * take turns, here they overlap. The file behaves as `openImportFile`'s: same header facts, same
 * rows and errors in the same order, same notes.
 */
import { Worker } from 'node:worker_threads';
import type { ImportEntity } from './records.ts';
import { ImportError } from './import-error.ts';
import type { ImportFile, ImportFileInfo, OpenImportOptions, ParsedRowResult } from './open-import-file.ts';
import type { FromParseWorker, ParseWorkerRequest, ToParseWorker } from './parse-worker-messages.ts';
import { decodeBatch } from './record-codec.ts';

/** Parsed batches (about 1 MiB of file each) waiting for the writer: enough to never starve it. */
const BATCHES_AHEAD = 4;
/**
 * The worker keeps nothing between batches, but left to itself V8 lets a busy thread's heap grow
 * to hundreds of MiB of garbage before collecting; capped, the import's peak memory stays flat.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * The worker's first lines: the sources are TypeScript, so it registers tsx's loader (as
 * bin/salesops.js does) before importing parse-worker.ts. A `--import tsx` flag would not do:
 * on Node 20 a worker's own entry module is loaded before such hooks apply to it.
 */
function workerBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/** Waits for the worker's messages in order; an exit before `done` or `failed` is an error. */
class MessageQueue {
  private readonly queued: FromParseWorker[] = [];
  private waiting: ((message: FromParseWorker) => void) | null = null;

  push(message: FromParseWorker): void {
    if (this.waiting === null) this.queued.push(message);
    else {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
    }
  }

  next(): Promise<FromParseWorker> {
    const message = this.queued.shift();
    if (message !== undefined) return Promise.resolve(message);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

function failure(message: Extract<FromParseWorker, { type: 'failed' }>): Error {
  return message.code === null ? new Error(message.message) : new ImportError(message.code, message.message, message.details);
}

class WorkerImportFile<E extends ImportEntity> implements ImportFile<E> {
  readonly path: string;
  readonly entity: E;
  readonly preset: ImportFileInfo['preset'];
  readonly presetLabel: string;
  readonly headers: readonly string[];
  readonly encoding: ImportFileInfo['encoding'];
  readonly delimiter: ImportFileInfo['delimiter'];
  readonly totalBytes: number;
  private consumed = false;
  private closed = false;
  private bytes = 0;

  constructor(
    info: ImportFileInfo<E>,
    private currentNotes: readonly string[],
    private readonly worker: Worker,
    private readonly queue: MessageQueue,
  ) {
    this.path = info.path;
    this.entity = info.entity;
    this.preset = info.preset;
    this.presetLabel = info.presetLabel;
    this.headers = info.headers;
    this.encoding = info.encoding;
    this.delimiter = info.delimiter;
    this.totalBytes = info.totalBytes;
  }

  bytesRead(): number {
    return this.bytes;
  }

  async *batches(): AsyncGenerator<readonly ParsedRowResult<E>[]> {
    if (this.consumed) throw new Error('The rows of an import file can be read only once');
    this.consumed = true;
    try {
      for (;;) {
        const message = await this.queue.next();
        if (message.type === 'batch') {
          this.bytes = message.bytesRead;
          this.send({ type: 'take' });
          yield decodeBatch(this.entity, message.batch);
        } else if (message.type === 'done') {
          this.bytes = message.bytesRead;
          this.currentNotes = message.notes;
          return;
        } else if (message.type === 'failed') {
          throw failure(message);
        }
      }
    } finally {
      await this.close();
    }
  }

  async *rows(): AsyncGenerator<ParsedRowResult<E>> {
    for await (const batch of this.batches()) yield* batch;
  }

  notes(): readonly string[] {
    return this.currentNotes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.send({ type: 'stop' });
    await this.worker.terminate();
  }

  private send(message: ToParseWorker): void {
    if (!this.closed || message.type === 'stop') this.worker.postMessage(message);
  }
}

/**
 * Opens a CSV or XLSX export on a worker thread; fails as `openImportFile` does when the file
 * cannot be read or recognised.
 *
 * @example
 *   const file = await openImportFileInWorker('Opportunity.csv', { preset: 'auto' });
 *   await commitImport(store, file, { actor: 'ana@example.com' });
 */
export async function openImportFileInWorker(path: string, options: OpenImportOptions = {}): Promise<ImportFile> {
  const request: ParseWorkerRequest = { path, options: { ...options }, batchesAhead: BATCHES_AHEAD };
  const worker = new Worker(workerBootstrap(), { eval: true, workerData: request, resourceLimits: WORKER_HEAP });
  const queue = new MessageQueue();
  worker.on('message', (message: FromParseWorker) => queue.push(message));
  worker.on('error', (error) => queue.push({ type: 'failed', code: null, message: `Reading ${path} failed: ${error.message}`, details: undefined }));
  worker.on('exit', () => queue.push({ type: 'failed', code: null, message: `Reading ${path} stopped unexpectedly`, details: undefined }));
  const first = await queue.next();
  if (first.type !== 'opened') {
    await worker.terminate();
    throw first.type === 'failed' ? failure(first) : new Error(`Reading ${path} failed`);
  }
  return new WorkerImportFile(first.info, first.notes, worker, queue);
}
