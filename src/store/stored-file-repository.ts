import type { Kysely } from 'kysely';
import { newId } from './new-id.ts';
import type { Database } from './schema.ts';

/**
 * Uploaded files, kept in the database (a blob on SQLite, bytea on PostgreSQL) so a worker process
 * on another host reads exactly what the API received. Listing and checking ownership never load
 * the bytes; only `getStoredFileContent` does.
 */

export interface StoredFileInfo {
  readonly id: string;
  /** The name the file was uploaded under (no folders). */
  readonly name: string;
  readonly sizeBytes: number;
  /** The user id (or 'cli') that uploaded it. */
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface NewStoredFile {
  readonly name: string;
  readonly content: Uint8Array;
  readonly createdBy: string;
}

export async function insertStoredFile(db: Kysely<Database>, file: NewStoredFile, now: string = new Date().toISOString()): Promise<StoredFileInfo> {
  const info: StoredFileInfo = { id: newId('storedFile'), name: file.name, sizeBytes: file.content.byteLength, createdBy: file.createdBy, createdAt: now };
  await db
    .insertInto('stored_file')
    .values({ id: info.id, name: info.name, size_bytes: info.sizeBytes, content: file.content, created_by: info.createdBy, created_at: info.createdAt })
    .execute();
  return info;
}

/** The files among `ids` that exist, in the order of `ids` (missing ones are left out). */
export async function getStoredFileInfos(db: Kysely<Database>, ids: readonly string[]): Promise<StoredFileInfo[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('stored_file').select(['id', 'name', 'size_bytes', 'created_by', 'created_at']).where('id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, sizeBytes: row.size_bytes, createdBy: row.created_by, createdAt: row.created_at }]));
  return ids.flatMap((id) => {
    const info = byId.get(id);
    return info === undefined ? [] : [info];
  });
}

/** The file's bytes, or null when there is no such file. */
export async function getStoredFileContent(db: Kysely<Database>, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('stored_file').select('content').where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  // better-sqlite3 and pg both return a Buffer; a plain Uint8Array is wrapped without copying.
  return Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength);
}
