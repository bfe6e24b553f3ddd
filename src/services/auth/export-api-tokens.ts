import type { ExportFormat } from '../../contracts/common.ts';
import type { Store } from '../../store/database.ts';
import { listUsers as listStoredUsers } from '../../store/user-repository.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadListTable } from '../export/download-list-table.ts';
import { listApiTokens } from './api-tokens.ts';

const HEADER = ['id', 'name', 'role', 'user_id', 'user_email', 'created_at', 'last_used_at', 'revoked_at'];

/**
 * The tokens the API tokens list shows the actor ('tokens.own': one's own; administrators
 * everyone's), oldest first, as CSV or XLSX, with the email of each token's user. Neither the
 * secret nor its hash is in the list, so neither can reach the file.
 */
export async function exportApiTokens(store: Store, actor: Actor, format: ExportFormat): Promise<DownloadFile> {
  const tokens = await listApiTokens(store, actor);
  // Only the emails of the listed tokens' users are written; nothing else of the user rows is read out.
  const emails = new Map((await listStoredUsers(store.db)).map((u) => [u.id, u.email]));
  const rows = tokens.map((t) => [t.id, t.name, t.role, t.userId, emails.get(t.userId) ?? '', t.createdAt, t.lastUsedAt ?? '', t.revokedAt ?? '']);
  return downloadListTable(store, { header: HEADER, rows }, { entity: 'api-tokens', date: todayUtc(), format });
}
