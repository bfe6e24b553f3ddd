/**
 * A separate process that imports files into a database and exits: the crash test kills it with
 * SIGKILL at random moments. Usage: import-child.ts <db target> <file>...
 */
import { openStore } from '../../store/database.ts';
import { importFiles } from '../import-files.ts';

const [target, ...paths] = process.argv.slice(2);
if (!target || paths.length === 0) {
  console.error('usage: import-child.ts <db> <file>...');
  process.exit(2);
}
const store = await openStore(target);
const results = await importFiles(store, paths, { actor: 'crash-test' });
await store.close();
const bad = results.filter((r) => r.status !== 'committed');
if (bad.length > 0) {
  console.error(JSON.stringify(bad.map((r) => ({ file: r.file, status: r.status, failure: r.failure, errors: r.errors.slice(0, 3) }))));
  process.exit(3);
}
