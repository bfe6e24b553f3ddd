/**
 * The worker thread that reads and parses an import file (open-import-file-in-worker.ts starts it),
 * so parsing the next rows overlaps writing the last ones. It posts each batch of parsed rows
 * encoded flat, and at most `batchesAhead` batches the writer has not taken yet: a writer slower
 * than the parser holds the worker back instead of letting batches pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from './import-error.ts';
import { openImportFile } from './open-import-file.ts';
import { encodeBatch } from './record-codec.ts';
import type { FromParseWorker, ParseWorkerRequest, ToParseWorker } from './parse-worker-messages.ts';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts runs only as a worker thread');
const request = workerData as ParseWorkerRequest;
const post = (message: FromParseWorker): void => port.postMessage(message);

let credits = request.batchesAhead;
let stopped = false;
let wake: (() => void) | null = null;
port.on('message', (message: ToParseWorker) => {
  if (message.type === 'take') credits += 1;
  else stopped = true;
  wake?.();
  wake = null;
});

try {
  const file = await openImportFile(request.path, request.options);
  const { entity, preset, presetLabel, headers, encoding, delimiter, totalBytes } = file;
  post({ type: 'opened', info: { path: request.path, entity, preset, presetLabel, headers, encoding, delimiter, totalBytes }, notes: file.notes() });
  try {
    for await (const batch of file.batches()) {
      while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      if (stopped) break;
      credits -= 1;
      post({ type: 'batch', batch: encodeBatch(entity, batch), bytesRead: file.bytesRead() });
    }
  } finally {
    await file.close();
  }
  post({ type: 'done', notes: file.notes(), bytesRead: file.bytesRead() });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'failed', code: e instanceof ImportError ? e.code : null, message: e.message, details: e instanceof ImportError ? e.details : undefined });
}
// Nothing more to say: without a listener the worker's event loop empties and the thread ends.
port.removeAllListeners('message');
