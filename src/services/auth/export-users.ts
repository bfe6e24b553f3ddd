import type { ExportFormat } from '../../contracts/common.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadListTable } from '../export/download-list-table.ts';
import { listUsers } from './manage-users.ts';

const HEADER = ['id', 'email', 'display_name', 'role', 'person_id', 'person_name', 'active', 'has_password', 'created_at'];

/**
 * Every user as the Users list shows them ('users.manage', by email), as CSV or XLSX. Built from
 * the list's own result, which says whether a password is set and never holds its hash.
 */
export async function exportUsers(store: Store, actor: Actor, format: ExportFormat): Promise<DownloadFile> {
  const users = await listUsers(store, actor);
  const rows = users.map((u) => [u.id, u.email, u.displayName, u.role, u.personId ?? '', u.personName ?? '', String(u.active), String(u.hasPassword), u.createdAt]);
  return downloadListTable(store, { header: HEADER, rows }, { entity: 'users', date: todayUtc(), format });
}
