import type { PersonRecord } from '../../import/records.ts';
import { fromEpochDay } from '../../core/shared/plain-date.ts';
import { demoExternalId } from './demo-external-id.ts';
import type { SeededRandom } from './seeded-random.ts';
import { DEMO_REGIONS, type DemoRegion } from './us-states.ts';

export type DemoSellerRole = 'executive' | 'manager' | 'account_executive' | 'solutions_engineer';

/** A person as the generator sees them: their region and the days (epoch days) they were employed. */
export interface DemoSeller {
  readonly externalId: string;
  readonly role: DemoSellerRole;
  readonly region: DemoRegion | null;
  readonly hiredDay: number;
  /** The last day employed; null while still employed. */
  readonly leftDay: number | null;
}

export interface DemoPeople {
  readonly records: readonly PersonRecord[];
  readonly sellers: readonly DemoSeller[];
}

export const DEMO_EMAIL_DOMAIN = 'demo-company.example';
const MANAGERS_PER_REGION = 2;
/** Account executives at full size, spread over the eight managers (spans of 6-7). */
const ACCOUNT_EXECUTIVE_SEATS = 54;
const YEAR = 365;

const FIRST_NAMES = [
  'Aaron', 'Abigail', 'Adrian', 'Aisha', 'Alex', 'Alicia', 'Andre', 'Angela', 'Ben', 'Bianca', 'Brandon', 'Caleb',
  'Camila', 'Carlos', 'Chloe', 'Colin', 'Dana', 'Daniel', 'Derek', 'Diana', 'Elena', 'Eli', 'Emily', 'Ethan',
  'Fatima', 'Felix', 'Gabriel', 'Grace', 'Hannah', 'Hector', 'Isaac', 'Ivy', 'Jamal', 'Jasmine', 'Jordan', 'Julia',
  'Kara', 'Kevin', 'Laura', 'Leo', 'Lucia', 'Marcus', 'Maya', 'Miguel', 'Nadia', 'Nathan', 'Nina', 'Omar',
  'Olivia', 'Owen', 'Priya', 'Quinn', 'Rachel', 'Raj', 'Rosa', 'Ryan', 'Sara', 'Sean', 'Sofia', 'Tariq',
  'Tessa', 'Tyler', 'Vanessa', 'Victor', 'Wendy', 'Xavier', 'Yusuf', 'Zoe',
];
const LAST_NAMES = [
  'Adams', 'Alvarez', 'Bennett', 'Brooks', 'Campbell', 'Carter', 'Chen', 'Collins', 'Cruz', 'Diaz', 'Edwards', 'Evans',
  'Fischer', 'Flores', 'Foster', 'Garcia', 'Gomez', 'Grant', 'Gupta', 'Hayes', 'Hughes', 'Ibrahim', 'Jensen', 'Kim',
  'Kowalski', 'Lee', 'Lopez', 'Martin', 'Mendoza', 'Mitchell', 'Morales', 'Murphy', 'Nguyen', 'Novak', 'Okafor', 'Ortiz',
  'Patel', 'Perry', 'Price', 'Ramirez', 'Reed', 'Reyes', 'Rivera', 'Rossi', 'Russell', 'Sanders', 'Schmidt', 'Shah',
  'Silva', 'Stewart', 'Sullivan', 'Tanaka', 'Torres', 'Turner', 'Walsh', 'Ward', 'Watson', 'Wright', 'Young', 'Zhang',
];

interface Draft {
  readonly seller: DemoSeller;
  readonly name: string;
  readonly title: string;
  readonly jobRole: 'rep' | 'manager' | 'executive';
  readonly managerRef: string | null;
}

/**
 * The sales organisation: a VP of Sales; two managers per region reporting to the VP; account
 * executives under the managers (about 60 at full size, some of whom have left and been replaced);
 * one solutions engineer per region. Most of the team predates the three years of deals; the rest
 * joined during them, so the data shows ramping hires and attrition.
 */
export function generateDemoPeople(random: SeededRandom, todayDay: number, windowStartDay: number, scale: number): DemoPeople {
  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const drafts: Draft[] = [];
  let sequence = 0;
  const add = (draft: Omit<Draft, 'seller'> & { seller: Omit<DemoSeller, 'externalId'> }): string => {
    sequence += 1;
    const externalId = demoExternalId('person', sequence);
    drafts.push({ ...draft, seller: { ...draft.seller, externalId } });
    return externalId;
  };
  // Before the deal history starts, by `years` to `years + spread` years.
  const hiredBefore = (years: number, spread: number): number =>
    windowStartDay - Math.round(YEAR * random.between(years, years + spread));

  // The VP's name says what the whole organisation is: generated demo data.
  const vp = add({
    name: 'Morgan Demo',
    title: 'VP of Sales',
    jobRole: 'executive',
    managerRef: null,
    seller: { role: 'executive', region: null, hiredDay: hiredBefore(2, 2), leftDay: null },
  });
  usedNames.add('Morgan Demo');

  const managers: { id: string; region: DemoRegion }[] = [];
  for (const region of DEMO_REGIONS) {
    for (let i = 0; i < MANAGERS_PER_REGION; i += 1) {
      const id = add({
        name: personName(),
        title: `Regional Sales Manager, ${region}`,
        jobRole: 'manager',
        managerRef: vp,
        seller: { role: 'manager', region, hiredDay: hiredBefore(0.3, 3), leftDay: null },
      });
      managers.push({ id, region });
    }
  }

  const seats = Math.max(managers.length, Math.round(ACCOUNT_EXECUTIVE_SEATS * scale));
  for (let seat = 0; seat < seats; seat += 1) {
    const manager = managers[seat % managers.length];
    if (manager === undefined) throw new RangeError('No manager for an account executive seat');
    const hiredDuringHistory = random.chance(0.35);
    const hiredDay = hiredDuringHistory
      ? random.int(windowStartDay + 30, todayDay - 60)
      : hiredBefore(0.1, 4);
    if (hiredDuringHistory && random.chance(0.4)) {
      // A seat that turned over: the predecessor left shortly before the current holder joined.
      const leftDay = hiredDay - random.int(10, 60);
      add({
        name: personName(),
        title: 'Account Executive',
        jobRole: 'rep',
        managerRef: manager.id,
        seller: { role: 'account_executive', region: manager.region, hiredDay: Math.min(leftDay - 200, hiredBefore(0.2, 2.5)), leftDay },
      });
    }
    const senior = todayDay - hiredDay > 3 * YEAR && random.chance(0.5);
    add({
      name: personName(),
      title: senior ? 'Senior Account Executive' : 'Account Executive',
      jobRole: 'rep',
      managerRef: manager.id,
      seller: { role: 'account_executive', region: manager.region, hiredDay, leftDay: null },
    });
  }

  for (const region of DEMO_REGIONS) {
    const manager = managers.find((m) => m.region === region);
    if (manager === undefined) throw new RangeError(`No manager in ${region}`);
    add({
      name: personName(),
      title: 'Solutions Engineer',
      jobRole: 'rep',
      managerRef: manager.id,
      seller: { role: 'solutions_engineer', region, hiredDay: hiredBefore(0, 2.5), leftDay: null },
    });
  }

  const hiredDayById = new Map(drafts.map((d) => [d.seller.externalId, d.seller.hiredDay]));
  const records = drafts.map(({ seller, name, title, jobRole, managerRef }): PersonRecord => {
    // A reporting line cannot start before the manager joined: people who predate their manager
    // report to them from the manager's hire date (null means "from the person's own hire date").
    const managerHiredDay = managerRef === null ? undefined : hiredDayById.get(managerRef);
    const managerSince = managerHiredDay !== undefined && managerHiredDay > seller.hiredDay ? fromEpochDay(managerHiredDay) : null;
    return {
      externalId: seller.externalId,
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${DEMO_EMAIL_DOMAIN}`,
      active: seller.leftDay === null,
      hireDate: fromEpochDay(seller.hiredDay),
      jobRole,
      title,
      managerRef: managerRef === null ? null : { externalId: managerRef },
      managerSince,
    };
  });
  return { records, sellers: drafts.map((d) => d.seller) };
}
