import { DomainError } from '../shared/domain-error.ts';
import { isPlainDate, type PlainDate } from '../shared/plain-date.ts';

/**
 * "personId reports to managerId" over [validFrom, validTo): validFrom inclusive, validTo exclusive,
 * null for a line still open. A person with no line on a date reports to nobody (the top of the
 * organisation, or not yet hired). Roll-ups of forecasts and quotas follow these lines as of a date.
 */
export interface ReportingLine {
  readonly personId: string;
  readonly managerId: string;
  readonly validFrom: PlainDate;
  /** Exclusive; null = open. */
  readonly validTo: PlainDate | null;
}

function isActiveOn(line: ReportingLine, date: PlainDate): boolean {
  return line.validFrom <= date && (line.validTo === null || date < line.validTo);
}

/** Each person's manager on `date`. Assumes valid lines: at most one per person on any date. */
function managersOn(lines: readonly ReportingLine[], date: PlainDate): Map<string, string> {
  const managers = new Map<string, string>();
  for (const line of lines) if (isActiveOn(line, date)) managers.set(line.personId, line.managerId);
  return managers;
}

function cycleError(personId: string, date: PlainDate): DomainError {
  return new DomainError('invalid_reporting_line', `${personId} would report to themselves through their managers on ${date}`, { personId, date });
}

export function managerOn(lines: readonly ReportingLine[], personId: string, date: PlainDate): string | null {
  return lines.find((line) => line.personId === personId && isActiveOn(line, date))?.managerId ?? null;
}

/** The people reporting directly to `managerId` on `date`, sorted. */
export function directReportsOn(lines: readonly ReportingLine[], managerId: string, date: PlainDate): string[] {
  const reports = new Set<string>();
  for (const line of lines) if (line.managerId === managerId && isActiveOn(line, date)) reports.add(line.personId);
  return [...reports].sort();
}

/** Everyone below `managerId` on `date`, at any depth, sorted; the manager is not included. */
export function subtreeOn(lines: readonly ReportingLine[], managerId: string, date: PlainDate): string[] {
  const reportsOf = new Map<string, string[]>();
  for (const [personId, manager] of managersOn(lines, date)) {
    reportsOf.set(manager, [...(reportsOf.get(manager) ?? []), personId]);
  }
  const found = new Set<string>();
  const queue = [managerId];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const personId of reportsOf.get(next) ?? []) {
      if (personId === managerId) throw cycleError(managerId, date);
      if (found.has(personId)) continue;
      found.add(personId);
      queue.push(personId);
    }
  }
  return [...found].sort();
}

/** The person's manager, that manager's manager, and so on up to someone who reports to nobody. */
export function reportingChainOn(lines: readonly ReportingLine[], personId: string, date: PlainDate): string[] {
  const managers = managersOn(lines, date);
  const chain: string[] = [];
  const seen = new Set([personId]);
  for (let manager = managers.get(personId); manager !== undefined; manager = managers.get(manager)) {
    if (seen.has(manager)) throw cycleError(manager, date);
    seen.add(manager);
    chain.push(manager);
  }
  return chain;
}

/**
 * Moves `personId` to `newManagerId` from `from` on (null: to nobody, e.g. promoted to the top or
 * gone). The open line is closed at `from` and a new one opened there, so history before `from`
 * is kept. A change on the open line's own start date replaces that line instead of leaving a
 * zero-length one (and, back to the previous manager, reopens the previous line); a change to
 * the current manager returns the lines unchanged. A change dated
 * before the open line starts would rewrite history and is refused. Returns the whole new list,
 * validated.
 */
export function changeManager(
  lines: readonly ReportingLine[],
  personId: string,
  newManagerId: string | null,
  from: PlainDate,
): ReportingLine[] {
  const open = lines.find((line) => line.personId === personId && line.validTo === null);
  if (open !== undefined && from < open.validFrom) {
    throw new DomainError(
      'invalid_reporting_line',
      `${personId}'s current line starts ${open.validFrom}; a change dated ${from} would rewrite it`,
      { personId, from, validFrom: open.validFrom },
    );
  }
  if (open !== undefined && open.managerId === newManagerId) return [...lines];
  const kept = lines.flatMap((line): ReportingLine[] => {
    if (line !== open) return [line];
    return line.validFrom === from ? [] : [{ ...line, validTo: from }];
  });
  // A line to the same manager ending the day the new one starts is extended instead, so undoing
  // a change made on the wrong day gives back the original single line.
  const adjoining = kept.find((line) => line.personId === personId && line.validTo === from && line.managerId === newManagerId);
  const next =
    newManagerId === null
      ? kept
      : adjoining !== undefined
        ? kept.map((line) => (line === adjoining ? { ...line, validTo: null } : line))
        : [...kept, { personId, managerId: newManagerId, validFrom: from, validTo: null }];
  validateReportingLines(next);
  return next;
}

/**
 * Checks a set of lines and throws `invalid_reporting_line` at the first problem: dates that are
 * not dates or a line that ends before it starts, a person managing themselves, two lines of one
 * person overlapping, or a cycle (someone above themselves) on any date.
 */
export function validateReportingLines(lines: readonly ReportingLine[]): void {
  const byPerson = new Map<string, ReportingLine[]>();
  for (const line of lines) {
    const { personId, managerId, validFrom, validTo } = line;
    if (personId === '' || managerId === '') {
      throw new DomainError('invalid_reporting_line', 'A reporting line needs a person and a manager', { personId, managerId });
    }
    if (!isPlainDate(validFrom) || (validTo !== null && !isPlainDate(validTo))) {
      throw new DomainError('invalid_reporting_line', `${personId}'s line has dates ${validFrom}..${String(validTo)} that are not YYYY-MM-DD`, { personId });
    }
    if (validTo !== null && validTo <= validFrom) {
      throw new DomainError('invalid_reporting_line', `${personId}'s line ends ${validTo}, not after it starts ${validFrom}`, { personId, validFrom, validTo });
    }
    if (personId === managerId) {
      throw new DomainError('invalid_reporting_line', `${personId} cannot manage themselves`, { personId });
    }
    byPerson.set(personId, [...(byPerson.get(personId) ?? []), line]);
  }
  for (const [personId, own] of byPerson) {
    const sorted = [...own].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
    sorted.slice(1).forEach((line, i) => {
      const previous = sorted[i];
      if (previous !== undefined && (previous.validTo === null || previous.validTo > line.validFrom)) {
        throw new DomainError('invalid_reporting_line', `${personId} has two managers from ${line.validFrom}`, { personId, date: line.validFrom });
      }
    });
  }
  assertNoCycle(lines);
}

/**
 * The organisation only changes where a line starts or ends, so checking the graph on every
 * boundary date checks every date. A cycle that appears on a date must use a line starting that
 * day (otherwise it existed the day before), so walking up from those lines' people is enough.
 * Sweeps the boundaries in order, keeping who reports to whom, so the cost stays near the number
 * of lines times the depth of the organisation. Runs after the overlap check: one line per person.
 */
function assertNoCycle(lines: readonly ReportingLine[]): void {
  const group = (date: PlainDate | null, line: ReportingLine, into: Map<PlainDate, ReportingLine[]>): void => {
    if (date !== null) into.set(date, [...(into.get(date) ?? []), line]);
  };
  const startingOn = new Map<PlainDate, ReportingLine[]>();
  const endingOn = new Map<PlainDate, ReportingLine[]>();
  for (const line of lines) {
    group(line.validFrom, line, startingOn);
    group(line.validTo, line, endingOn);
  }
  const boundaries = [...new Set([...startingOn.keys(), ...endingOn.keys()])].sort();
  const managers = new Map<string, string>();
  for (const date of boundaries) {
    for (const line of endingOn.get(date) ?? []) managers.delete(line.personId);
    const starting = startingOn.get(date) ?? [];
    for (const line of starting) managers.set(line.personId, line.managerId);
    for (const { personId } of starting) {
      const seen = new Set([personId]);
      for (let manager = managers.get(personId); manager !== undefined; manager = managers.get(manager)) {
        if (seen.has(manager)) throw cycleError(manager, date);
        seen.add(manager);
      }
    }
  }
}
