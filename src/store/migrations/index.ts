import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-access-and-jobs.ts';
import * as m0003 from './0003-list-indexes.ts';
import * as m0004 from './0004-metric-indexes.ts';

export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Every migration this build knows, in order. Names never change once released. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-initial', up: m0001.up },
  { name: '0002-access-and-jobs', up: m0002.up },
  { name: '0003-list-indexes', up: m0003.up },
  { name: '0004-metric-indexes', up: m0004.up },
];
