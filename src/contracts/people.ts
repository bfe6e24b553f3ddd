import { z } from 'zod';
import { isoDate } from './common.ts';

export const peopleTreeQuery = z.object({ asOf: isoDate.optional() });

export interface PersonNode {
  readonly id: string;
  readonly name: string;
  readonly title: string | null;
  readonly jobRole: string | null;
  readonly email: string | null;
  readonly active: boolean;
  readonly reports: readonly PersonNode[];
}
export const personNode: z.ZodType<PersonNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    jobRole: z.string().nullable(),
    email: z.string().nullable(),
    active: z.boolean(),
    reports: z.array(personNode),
  }),
);

/** The reporting tree as of a date, cut to the caller's scope (a manager's subtree; a rep alone). */
export const peopleTree = z.object({ asOf: isoDate, roots: z.array(personNode), count: z.number().int() });
export type PeopleTree = z.infer<typeof peopleTree>;
