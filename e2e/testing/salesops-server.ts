import { createInterface } from 'node:readline';
import { spawnSalesops } from '../../src/cli/testing/run-salesops.ts';

/** A `salesops serve` child process listening on a free port of 127.0.0.1. */
export interface RunningServer {
  /** The server's address with a trailing slash, as it printed it: `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** What the server has written to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** How long `serve` may take to open the database, start its job queue and listen. */
const START_TIMEOUT_MS = 30_000;

/**
 * Finds the start line's address in stdout, line by line: `--json` prints it as an indented JSON
 * object, and the server's own log lines are one-line JSON objects without a `url`.
 */
function addressReader(): (line: string) => string | null {
  let pending: string | null = null;
  return (line) => {
    if (pending === null && !line.startsWith('{')) return null;
    pending = pending === null ? line : `${pending}\n${line}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(pending);
    } catch {
      return null; // The object goes on in the next lines.
    }
    pending = null;
    return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string' ? parsed.url : null;
  };
}

/**
 * Runs `salesops --db <database> serve --port 0 --json` as a user would and resolves once it has
 * printed its address. Rejects with the server's stderr if it exits or stays silent first.
 */
export async function startSalesopsServer(database: string): Promise<RunningServer> {
  const child = spawnSalesops(['--db', database, 'serve', '--port', '0', '--json']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Not events.once: it rejects on 'error', which the start below already reports.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const lines = createInterface({ input: child.stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const readAddress = addressReader();
      lines.on('line', (line) => {
        const address = readAddress(line);
        if (address !== null) resolve(address);
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => reject(new Error(`salesops serve exited (${signal ?? `code ${code}`}) before printing its address:\n${stderr}`)));
      timer = setTimeout(() => reject(new Error(`salesops serve printed no address within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`)), START_TIMEOUT_MS);
    });
    return { url, stderr: () => stderr, stop };
  } catch (error) {
    await stop(1_000);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
