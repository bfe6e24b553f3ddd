import type { ExportFormat } from '../../contracts/common.ts';
import type { PeopleTree, PersonNode } from '../../contracts/people.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadListTable } from '../export/download-list-table.ts';
import { getPeopleTree } from './get-people-tree.ts';

/** One person of the tree with the manager above them in it and their depth (0 for a root). */
export interface FlatPerson {
  readonly person: PersonNode;
  readonly manager: PersonNode | null;
  readonly depth: number;
}

/** The tree as a list in reading order: each person, then their reports, each level by name. */
export function flattenPeopleTree(tree: PeopleTree): FlatPerson[] {
  const flat: FlatPerson[] = [];
  const visit = (person: PersonNode, manager: PersonNode | null, depth: number): void => {
    flat.push({ person, manager, depth });
    for (const report of person.reports) visit(report, person, depth + 1);
  };
  for (const root of tree.roots) visit(root, null, 0);
  return flat;
}

const HEADER = ['as_of', 'id', 'name', 'manager_id', 'manager_name', 'depth', 'title', 'job_role', 'email', 'active'];

/**
 * The reporting tree as of `asOf` (default today, UTC), flattened to one row per person, as CSV
 * or XLSX. It is the tree the People page shows the actor ('people.read', cut to their scope on
 * that day), so the manager is the one above the person in that tree: a root's is empty, even
 * when their real manager is someone the actor does not reach. The file is named after the date.
 */
export async function exportPeopleTree(store: Store, actor: Actor, asOf: PlainDate | undefined, format: ExportFormat): Promise<DownloadFile> {
  const tree = await getPeopleTree(store, actor, asOf);
  const rows = flattenPeopleTree(tree).map(({ person, manager, depth }) => [
    tree.asOf, person.id, person.name, manager?.id ?? '', manager?.name ?? '', String(depth),
    person.title ?? '', person.jobRole ?? '', person.email ?? '', String(person.active),
  ]);
  return downloadListTable(store, { header: HEADER, rows }, { entity: 'people', date: tree.asOf as PlainDate, format });
}
