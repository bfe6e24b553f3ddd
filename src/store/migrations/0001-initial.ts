import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

/** The first schema: workspace, org, accounts, sales processes, opportunities and their history, audit. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('workspace')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('corporate_currency', 'text', (c) => c.notNull())
    .addColumn('fiscal_year_start_month', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fiscal_pattern', 'text', (c) => c.notNull().defaultTo('calendar'))
    .addColumn('fiscal_year_naming', 'text', (c) => c.notNull().defaultTo('end'))
    .addColumn('booking_basis', 'text', (c) => c.notNull().defaultTo('acv'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('currency_rate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('rate', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('currency_rate_by_date').on('currency_rate').columns(['currency', 'start_date']).execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hire_date', 'text')
    .addColumn('job_role', 'text')
    .addColumn('title', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_by_email').on('person').column('email').execute();

  await db.schema
    .createTable('reporting_line')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('manager_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .execute();
  await db.schema.createIndex('reporting_line_by_person').on('reporting_line').columns(['person_id', 'valid_from']).execute();
  await db.schema.createIndex('reporting_line_by_manager').on('reporting_line').columns(['manager_id', 'valid_from']).execute();

  await db.schema
    .createTable('team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('team_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .execute();
  await db.schema.createIndex('team_member_by_team').on('team_member').columns(['team_id', 'valid_from']).execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('employees', 'integer')
    .addColumn('annual_revenue_minor', 'bigint')
    .addColumn('annual_revenue_currency', 'text')
    .addColumn('country', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('segment', 'text')
    .addColumn('created_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_by_name').on('account').column('name').execute();

  await db.schema
    .createTable('account_owner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .execute();
  await db.schema.createIndex('account_owner_by_account').on('account_owner').columns(['account_id', 'valid_from']).execute();
  await db.schema.createIndex('account_owner_by_owner').on('account_owner').columns(['owner_id', 'valid_from']).execute();

  await db.schema
    .createTable('contact')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .execute();

  await db.schema
    .createTable('sales_process')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('stage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) => c.notNull().references('sales_process.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('probability_bps', 'integer', (c) => c.notNull())
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('is_closed', 'integer', (c) => c.notNull())
    .addColumn('is_won', 'integer', (c) => c.notNull())
    .addUniqueConstraint('stage_name_in_process', ['process_id', 'name'])
    .execute();
  await db.schema
    .createTable('stage_alias')
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stage.id'))
    .addPrimaryKeyConstraint('stage_alias_pk', ['alias', 'stage_id'])
    .execute();

  await db.schema
    .createTable('product')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('family', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('price_book')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_standard', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('price_book_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('price_book_id', 'text', (c) => c.notNull().references('price_book.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('product.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('opportunity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('owner_id', 'text', (c) => c.references('person.id'))
    .addColumn('process_id', 'text', (c) => c.notNull().references('sales_process.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stage.id'))
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('close_date', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('lead_source', 'text')
    .addColumn('next_step', 'text')
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('forecast_category_override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('probability_bps', 'integer', (c) => c.notNull())
    .addColumn('is_closed', 'integer', (c) => c.notNull())
    .addColumn('is_won', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunity_by_owner').on('opportunity').columns(['owner_id', 'close_date']).execute();
  await db.schema.createIndex('opportunity_by_account').on('opportunity').column('account_id').execute();
  await db.schema.createIndex('opportunity_by_close_date').on('opportunity').column('close_date').execute();

  await db.schema
    .createTable('opportunity_line_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('product_id', 'text', (c) => c.references('product.id'))
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('line_item_by_opportunity').on('opportunity_line_item').column('opportunity_id').execute();

  await db.schema
    .createTable('opportunity_split')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('split_type', 'text', (c) => c.notNull())
    .addColumn('percent_bps', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('split_by_opportunity').on('opportunity_split').column('opportunity_id').execute();

  await db.schema
    .createTable('opportunity_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text')
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    // One change of a field at one instant: re-importing the same history is a no-op.
    .addUniqueConstraint('history_change_unique', ['opportunity_id', 'field', 'changed_at'])
    .execute();

  await db.schema
    .createTable('pipeline_snapshot')
    .addColumn('snapshot_date', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunity.id'))
    .addColumn('owner_id', 'text')
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('close_date', 'text', (c) => c.notNull())
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('is_closed', 'integer', (c) => c.notNull())
    .addColumn('is_won', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pipeline_snapshot_pk', ['snapshot_date', 'opportunity_id'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_by_object').on('audit_event').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('import_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('preset', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .execute();

  // The audit log is append-only, enforced by the database itself so no code path can rewrite it.
  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`.execute(db);
  }
}
