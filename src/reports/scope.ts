import { compareDates } from '../dates/compare.js';
import { formatDate } from '../dates/format.js';
import { toRecordDate, type RecordDate } from '../dates/parse.js';
import type { ModelRecord } from '../model/normalize.js';
import { toSlug } from '../text/slug.js';
import { oncePerObject } from '../memo.js';

/** What a report covers: the whole dataset, one organization, a date range, or both. */
export interface Scope {
  /** An organization's name (or its slug); matched without regard to case. */
  organization?: string;
  /** The first date of the range, inclusive. */
  from?: RecordDate;
  /** The last date of the range, inclusive. */
  to?: RecordDate;
}

/**
 * The date that places a record in a range: an incident's first disclosure, an enforcement
 * action's date. The report is about what became known in the period.
 */
export const keyDate = oncePerObject((model: ModelRecord): RecordDate => {
  const r = model.source;
  return toRecordDate(r.kind === 'incident' ? r.disclosed.date : r.date);
});

// The two names an organization answers to, made once per name as written: a build asks every
// record about its organization's report (a look-up by name, not by record).
const namesByOrganization = new Map<string, { lower: string; slug: string }>();
function organizationNames(model: ModelRecord): { lower: string; slug: string } {
  const name = model.source.organization;
  let known = namesByOrganization.get(name);
  if (!known) namesByOrganization.set(name, (known = { lower: name.toLowerCase(), slug: toSlug(name) }));
  return known;
}

/** True when the record is in scope; a date that overlaps a range's edge counts as inside. */
export function inScope(model: ModelRecord, scope: Scope): boolean {
  if (scope.organization !== undefined) {
    const wanted = scope.organization.toLowerCase();
    const names = organizationNames(model);
    if (names.lower !== wanted && names.slug !== wanted) return false;
  }
  // Published reports have no range: their records' dates are not looked up.
  if (scope.from === undefined && scope.to === undefined) return true;
  const date = keyDate(model);
  if (scope.from && compareDates(date, scope.from) === -1) return false;
  if (scope.to && compareDates(date, scope.to) === 1) return false;
  return true;
}

/** Each organization's records, by its name as written, in the dataset's order (once per dataset). */
const byOrganization = oncePerObject((records: readonly ModelRecord[]) => {
  const groups = new Map<string, ModelRecord[]>();
  for (const m of records) {
    const group = groups.get(m.source.organization);
    if (group) group.push(m);
    else groups.set(m.source.organization, [m]);
  }
  return groups;
});

/**
 * The records of the organization a scope names, as `inScope` matches them, a name as written
 * after another: each name is asked, not each record. A build asks for every organization's
 * report: its key (asking each record took 0.1 s of a one-record rebuild at 10,000 records),
 * and its tables when drawn (every organization's, at the machine's clock: 150-240 ms asking
 * each record at 10,000 records and 12 organizations, 130-160 ms this way).
 */
export function organizationRecords(records: readonly ModelRecord[], organization: string): ModelRecord[] {
  const found: ModelRecord[] = [];
  // A group's records share the name a scope's organization is matched against.
  for (const group of byOrganization(records).values()) if (inScope(group[0]!, { organization })) found.push(...group);
  return found;
}

/** The scope in words: "Facebook, disclosed from 2018 to 2019". */
export function describeScope(scope: Scope, locale: string): string {
  const parts: string[] = [scope.organization ?? 'All organizations'];
  if (scope.from && scope.to) parts.push(`from ${formatDate(scope.from, locale)} to ${formatDate(scope.to, locale)}`);
  else if (scope.from) parts.push(`from ${formatDate(scope.from, locale)}`);
  else if (scope.to) parts.push(`up to ${formatDate(scope.to, locale)}`);
  return parts.join(', ');
}
