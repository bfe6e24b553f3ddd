import type { Store } from '../../store/database.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { DEMO_USER_CREDENTIALS } from './create-demo-users.ts';

/**
 * The demo users' published sign-ins while the workspace is the generated demo company, so the
 * sign-in page can offer them; null for any other workspace, where no such user is ever created.
 */
export async function demoSignIns(store: Store): Promise<typeof DEMO_USER_CREDENTIALS | null> {
  const workspace = await getWorkspace(store.db);
  return workspace?.isDemo === true ? DEMO_USER_CREDENTIALS : null;
}
