import { newId } from '../../store/new-id.ts';
import type { AccountRef, PersonRef } from '../records.ts';
import type { ImportContext } from './import-context.ts';
import type { SqlValue } from './import-transaction.ts';

/** How a reference resolved: to an id, or to the reason it could not. */
export type Resolution = { readonly id: string } | { readonly error: string };

interface Entry {
  readonly id: string;
  readonly externalId: string | null;
  readonly email: string | null;
  readonly name: string;
}

type DirectoryKind = 'person' | 'account';

/** Names compare ignoring case and runs of spaces: report exports are typed by people. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function remove(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list === undefined) return;
  const rest = list.filter((x) => x !== id);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest);
}

/**
 * People or accounts by external id, email and name, loaded once per file (three short strings a
 * row; the workspace's people and accounts, never its opportunities). A reference by name that
 * matches no one creates the person or account: a report export names owners, it has no ids. The
 * new rows are written by `flush`, which a writer calls before writing rows that point at them.
 */
export class ReferenceDirectory {
  private readonly byExternalId = new Map<string, string>();
  private readonly byEmail = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();
  private readonly entries = new Map<string, Entry>();
  private pending: SqlValue[][] = [];

  private constructor(readonly kind: DirectoryKind) {}

  static async load(ctx: ImportContext, kind: DirectoryKind): Promise<ReferenceDirectory> {
    const directory = new ReferenceDirectory(kind);
    const rows = await ctx.tx.all<{ id: string; external_id: string | null; email: string | null; name: string }>(
      kind === 'person' ? 'SELECT id, external_id, email, name FROM person' : 'SELECT id, external_id, NULL AS email, name FROM account',
    );
    for (const row of rows) directory.add({ id: row.id, externalId: row.external_id, email: row.email, name: row.name });
    return directory;
  }

  /** Registers a row (stored, or written by this file) so later rows find it. */
  add(entry: Entry): void {
    const previous = this.entries.get(entry.id);
    if (previous !== undefined) {
      if (previous.externalId !== null && this.byExternalId.get(previous.externalId) === entry.id) this.byExternalId.delete(previous.externalId);
      if (previous.email !== null) remove(this.byEmail, previous.email.toLowerCase(), entry.id);
      remove(this.byName, nameKey(previous.name), entry.id);
    }
    this.entries.set(entry.id, entry);
    if (entry.externalId !== null) this.byExternalId.set(entry.externalId, entry.id);
    if (entry.email !== null) push(this.byEmail, entry.email.toLowerCase(), entry.id);
    push(this.byName, nameKey(entry.name), entry.id);
  }

  byExternal(externalId: string): string | undefined {
    return this.byExternalId.get(externalId);
  }

  /** Ids of the rows with this email (people only), ignoring case. */
  withEmail(email: string): readonly string[] {
    return this.byEmail.get(email.toLowerCase()) ?? [];
  }

  withName(name: string): readonly string[] {
    return this.byName.get(nameKey(name)) ?? [];
  }

  /**
   * Resolves a reference. With `row`, a name that matches no one creates the person or account
   * (noted for the reader); without it, such a name is an error.
   */
  resolve(ctx: ImportContext, ref: PersonRef | AccountRef, row: number | null): Resolution {
    const what = this.kind === 'person' ? 'person' : 'account';
    if ('externalId' in ref) {
      const id = this.byExternalId.get(ref.externalId);
      return id === undefined ? { error: `No ${what} has the id "${ref.externalId}" (in the workspace or earlier in the import)` } : { id };
    }
    if ('email' in ref) {
      const ids = this.withEmail(ref.email);
      if (ids.length === 1 && ids[0] !== undefined) return { id: ids[0] };
      return { error: ids.length === 0 ? `No person has the email "${ref.email}"` : `${ids.length} people have the email "${ref.email}"` };
    }
    const ids = this.withName(ref.name);
    if (ids.length === 1 && ids[0] !== undefined) return { id: ids[0] };
    if (ids.length > 1) return { error: `${ids.length} ${what === 'person' ? 'people are' : 'accounts are'} named "${ref.name}"; use an id` };
    if (row === null || ref.name.trim() === '') return { error: `No ${what} is named "${ref.name}"` };
    return { id: this.create(ctx, ref.name.trim(), row) };
  }

  private create(ctx: ImportContext, name: string, row: number): string {
    const id = newId(this.kind);
    this.add({ id, externalId: null, email: null, name });
    this.pending.push(this.kind === 'person' ? [id, name, 1, ctx.now, ctx.now] : [id, name, ctx.now, ctx.now]);
    ctx.note(
      this.kind === 'person'
        ? `Row ${row}: no person is named "${name}", so one was created; add their email or CRM id later to link them.`
        : `Row ${row}: no account is named "${name}", so one was created.`,
    );
    return id;
  }

  /** Writes the people or accounts created from names since the last flush. */
  async flush(ctx: ImportContext): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const text = 'text' as const;
    await ctx.tx.insertMany(
      this.kind,
      this.kind === 'person'
        ? [{ name: 'id', type: text }, { name: 'name', type: text }, { name: 'active', type: 'integer' }, { name: 'created_at', type: text }, { name: 'updated_at', type: text }]
        : [{ name: 'id', type: text }, { name: 'name', type: text }, { name: 'created_at', type: text }, { name: 'updated_at', type: text }],
      rows,
    );
  }
}
