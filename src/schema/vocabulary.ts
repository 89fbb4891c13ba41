/**
 * The record format's fixed words: its version, and the values its enumerated fields take.
 * Kept apart from the schemas (`record.ts`), which need zod: the pages and reports use these
 * lists too, and a build that checks no file itself never loads zod (some 0.06 s).
 */

/** The version of the record format the schemas implement. */
export const FORMAT_VERSION = 1;

/** Who made an incident public first. */
export const DISCLOSERS = ['organization', 'press', 'regulator', 'researcher', 'court', 'other'] as const;
/** What an event on a record's timeline is. */
export const EVENT_TYPES = [
  'occurrence', 'discovery', 'disclosure', 'report', 'statement', 'policy-change',
  'access-revoked', 'enforcement', 'audit', 'legal', 'other',
] as const;
/** What kind of document a source is. */
export const SOURCE_TYPES = ['article', 'statement', 'regulator', 'court', 'report', 'archive', 'other'] as const;
/** What an enforcement action did. */
export const ACTIONS = ['fine', 'settlement', 'order', 'investigation', 'other'] as const;
/** The two kinds of record. */
export const KINDS = ['incident', 'enforcement'] as const;
