import type { Kysely } from 'kysely';
import { newId } from './new-id.ts';
import type { Database } from './schema.ts';

/** A person at a customer account. Minimal for now: enough to name who a deal is with. */
export interface Contact {
  readonly id: string;
  readonly externalId: string | null;
  readonly accountId: string | null;
  readonly firstName: string | null;
  readonly lastName: string;
  readonly email: string | null;
  readonly title: string | null;
}

export type NewContact = Omit<Contact, 'id' | 'externalId' | 'accountId' | 'firstName' | 'email' | 'title'> & Partial<Omit<Contact, 'id'>>;

export async function insertContact(db: Kysely<Database>, input: NewContact): Promise<Contact> {
  const contact: Contact = {
    id: newId('contact'),
    externalId: input.externalId ?? null,
    accountId: input.accountId ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName,
    email: input.email ?? null,
    title: input.title ?? null,
  };
  await db
    .insertInto('contact')
    .values({
      id: contact.id,
      external_id: contact.externalId,
      account_id: contact.accountId,
      first_name: contact.firstName,
      last_name: contact.lastName,
      email: contact.email,
      title: contact.title,
    })
    .execute();
  return contact;
}

/** The account's contacts, by last then first name. */
export async function listContactsOfAccount(db: Kysely<Database>, accountId: string): Promise<Contact[]> {
  const rows = await db.selectFrom('contact').selectAll().where('account_id', '=', accountId).orderBy('last_name').orderBy('first_name').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    accountId: r.account_id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    title: r.title,
  }));
}
