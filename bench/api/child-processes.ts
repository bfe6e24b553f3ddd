/**
 * The benchmark's child processes (the servers under load, the peer, the demo build): each is
 * node with the given arguments, and every one started here is stopped by stopAllChildren, which
 * the benchmark calls on the way out whether it succeeded, failed or was interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/** The last few KiB of a stream, for error messages. */
function tailOf(child: ChildProcess, stream: 'stdout' | 'stderr'): () => string {
  let tail = '';
  child[stream]?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  return () => tail.trim();
}

function startNode(args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM (the servers then finish requests in flight and close their databases), SIGKILL after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([exited(child), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    await exited(child);
  }
}

export interface ListeningChild {
  /** The address it printed, e.g. http://127.0.0.1:41234/. */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits until it prints a JSON object with a "url" on stdout (one line
 * or pretty-printed over several); rejects, with its stderr, if it exits or takes longer than
 * `timeoutMs` first.
 */
export function startListening(label: string, args: readonly string[], timeoutMs = 60_000): Promise<ListeningChild> {
  const child = startNode(args);
  const stderr = tailOf(child, 'stderr');
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /"url"\s*:\s*"([^"]+)"/.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.off('close', onExit);
      // Keep draining stdout (the server's log lines): a full pipe would block the child.
      child.stdout?.off('data', onData).resume();
      resolve({ url: match[1], pid: child.pid ?? -1, stop: () => stopChild(child) });
    };
    // 'close' rather than 'exit': by then its stderr has been read whole.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? `code ${code}`}) before listening: ${stderr() || stdout.trim()}`));
    };
    const timer = setTimeout(() => {
      child.off('close', onExit);
      void stopChild(child).then(() => reject(new Error(`${label} printed no address within ${timeoutMs} ms: ${stderr()}`)));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.once('close', onExit);
  });
}

/** Runs `node <args>` to its end and resolves with its stdout; rejects with its stderr on a non-zero exit. */
export function runToEnd(label: string, args: readonly string[]): Promise<string> {
  const child = startNode(args);
  const stderr = tailOf(child, 'stderr');
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}): ${stderr()}`));
    });
  });
}

/** Stops every child this process started that is still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}
