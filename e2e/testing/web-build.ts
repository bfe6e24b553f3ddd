import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { webBuildIsCurrent } from '../../src/cli/build-web.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_WEB_MODULE = new URL('../../src/cli/build-web.ts', import.meta.url).href;

/** The test runner's variables: NODE_ENV=test would make Vite bundle React's development build. */
function buildEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
}

/**
 * Builds web/dist when it is missing or older than its sources, so the journeys test the code as
 * it is. The build runs in a child process with the environment of `salesops start` rather than
 * the test runner's, so the bundle it leaves behind is the production one that `serve` ships.
 */
export async function ensureWebBuild(): Promise<void> {
  if (webBuildIsCurrent()) return;
  const script = `const { buildWeb } = await import(${JSON.stringify(BUILD_WEB_MODULE)}); await buildWeb();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: REPO_ROOT,
    env: buildEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`Building the web app failed (exit ${code}):\n${output}`);
}
