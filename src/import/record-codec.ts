/**
 * Parsed rows as one flat array of strings and numbers per batch, to hand them from the parsing
 * worker to the writer. Structured cloning a batch of record objects costs the receiving thread
 * 2-3 µs a row, about a third of what writing the row costs; a flat array of primitives costs a
 * quarter of that. Each entity's fields are listed once, with how each is laid out.
 */
import type { ParsedRowResult } from './presets/entity-layout.ts';
import type { ImportEntity, RecordOf, RowError } from './records.ts';

/** A plain value; a reference by id, email or name; an amount of money. */
type FieldKind = 'value' | 'ref' | 'money';
type Layout<R> = { readonly [K in keyof R]-?: FieldKind };

const LAYOUTS: { readonly [E in ImportEntity]: Layout<RecordOf[E]> } = {
  currency_rate: { externalId: 'value', currency: 'value', startDate: 'value', rate: 'value', isCorporate: 'value' },
  person: {
    externalId: 'value', name: 'value', email: 'value', active: 'value', hireDate: 'value', jobRole: 'value', title: 'value',
    managerRef: 'ref', managerSince: 'value',
  },
  product: { externalId: 'value', name: 'value', code: 'value', family: 'value', active: 'value' },
  account: {
    externalId: 'value', name: 'value', industry: 'value', employees: 'value', annualRevenue: 'money', country: 'value',
    state: 'value', postalCode: 'value', segment: 'value', ownerRef: 'ref', createdDate: 'value',
  },
  opportunity: {
    externalId: 'value', name: 'value', accountRef: 'ref', ownerRef: 'ref', processName: 'value', stageName: 'value',
    amount: 'money', currency: 'value', closeDate: 'value', createdDate: 'value', type: 'value', leadSource: 'value',
    nextStep: 'value', forecastCategory: 'value', probabilityBps: 'value',
  },
  opportunity_history: {
    externalId: 'value', opportunityRef: 'ref', changedAt: 'value', stageName: 'value', amount: 'money', closeDate: 'value',
    forecastCategory: 'value',
  },
  opportunity_field_history: { externalId: 'value', opportunityRef: 'ref', changedAt: 'value', field: 'value', oldValue: 'value', newValue: 'value' },
  line_item: { externalId: 'value', opportunityRef: 'ref', productRef: 'ref', quantity: 'value', unitPrice: 'money', totalPrice: 'money' },
  split: { externalId: 'value', opportunityRef: 'ref', personRef: 'ref', splitType: 'value', percentBps: 'value' },
};

export type Slot = string | number | boolean | null;

/** A batch of parsed rows: row numbers and fields in `slots`, the errors of failed rows in order. */
export interface EncodedBatch {
  readonly slots: Slot[];
  readonly failures: (readonly RowError[])[];
}

const REF_KEYS = ['externalId', 'email', 'name'] as const;

function fieldsOf(entity: ImportEntity): [string, FieldKind][] {
  return Object.entries(LAYOUTS[entity]);
}

function encodeValue(kind: FieldKind, value: unknown, slots: Slot[]): void {
  if (kind === 'value' || value === null || typeof value !== 'object') {
    slots.push(value as Slot);
    return;
  }
  const fields = value as Readonly<Record<string, Slot>>;
  if (kind === 'money') {
    slots.push(fields.minor ?? 0, fields.currency ?? null);
    return;
  }
  const key = REF_KEYS.findIndex((k) => k in fields);
  slots.push(key, fields[REF_KEYS[key] ?? 'name'] ?? '');
}

/** Encodes a batch; `decodeBatch` with the same entity gives it back. */
export function encodeBatch<E extends ImportEntity>(entity: E, rows: readonly ParsedRowResult<E>[]): EncodedBatch {
  const fields = fieldsOf(entity);
  const slots: Slot[] = [];
  const failures: (readonly RowError[])[] = [];
  for (const result of rows) {
    slots.push(result.row);
    if (!result.ok) {
      slots.push(false);
      failures.push(result.errors);
      continue;
    }
    slots.push(true);
    const record = result.record as unknown as Readonly<Record<string, unknown>>;
    for (const [name, kind] of fields) encodeValue(kind, record[name] ?? null, slots);
  }
  return { slots, failures };
}

export function decodeBatch<E extends ImportEntity>(entity: E, batch: EncodedBatch): ParsedRowResult<E>[] {
  const fields = fieldsOf(entity);
  const { slots } = batch;
  const rows: ParsedRowResult<E>[] = [];
  let failure = 0;
  let i = 0;
  while (i < slots.length) {
    const row = slots[i] as number;
    const ok = slots[i + 1] === true;
    i += 2;
    if (!ok) {
      rows.push({ ok: false, row, errors: batch.failures[failure] ?? [] });
      failure += 1;
      continue;
    }
    const record: Record<string, unknown> = {};
    for (const [name, kind] of fields) {
      const first = slots[i++] ?? null;
      if (kind === 'value' || first === null) {
        record[name] = first;
      } else if (kind === 'money') {
        record[name] = { minor: first, currency: slots[i++] };
      } else {
        record[name] = { [REF_KEYS[first as number] ?? 'name']: slots[i++] };
      }
    }
    rows.push({ ok: true, row, record: record as unknown as RecordOf[E] });
  }
  return rows;
}
