import * as z from 'zod';
import { countOf, currency, date, jurisdiction, markdown, quoteText, recordId, slug, text, url } from './fields.js';
import { ACTIONS, DISCLOSERS, EVENT_TYPES, KINDS, SOURCE_TYPES } from './vocabulary.js';

/**
 * The record format, version 1 (`shared/record-format.md`), defined once. The TypeScript types,
 * the validator and the JSON Schema (`disclosed schema`) all derive from these definitions.
 */

export { FORMAT_VERSION, DISCLOSERS, EVENT_TYPES, SOURCE_TYPES, ACTIONS, KINDS } from './vocabulary.js';

export const EventSchema = z
  .strictObject({
    date: date().describe('When it happened (the start, for an event that spans time).'),
    end: date().optional().describe('When an event that spans time ended; not before `date`.'),
    approximate: z.boolean().optional().describe('The date is an estimate (the same as a trailing ~).'),
    type: z.enum(EVENT_TYPES).describe('What the event is.'),
    title: text(300).describe('One line saying what happened.'),
    description: markdown().optional().describe('More detail, in Markdown.'),
    sources: z.array(slug()).min(1).describe('Ids of this record\'s sources that support the event.'),
  })
  .describe('One dated event on the record\'s timeline.');

export const SourceSchema = z
  .strictObject({
    id: slug().describe('A slug naming the source, unique within the record.'),
    title: text().describe('The document\'s title.'),
    publisher: text().describe('Who published it (a newspaper, the organization, a regulator).'),
    url: url().describe('Where to read it.'),
    author: text().optional().describe('Who wrote it.'),
    published: date().optional().describe('When it was published.'),
    type: z.enum(SOURCE_TYPES).optional().describe('What kind of document it is.'),
    retrieved: date().optional().describe('When an editor last read it.'),
    archived_url: url().optional().describe('An archived copy, in case the page changes or goes.'),
    quotes: z
      .array(z.strictObject({ text: quoteText().describe('The words quoted, exactly.'), by: text().optional().describe('Who said or wrote them.') }))
      .optional()
      .describe('Passages quoted from the source.'),
  })
  .describe('A document the record\'s facts come from.');

const common = {
  id: recordId().describe('A slug, unique across the dataset, equal to the file\'s base name.'),
  title: text(200).describe('The record\'s headline, 1 to 200 characters.'),
  organization: text().describe('The organization whose conduct the record is about.'),
  summary: markdown().describe('What happened, in Markdown.'),
  tags: z.array(slug()).optional().describe('Slugs that group records (e.g. `third-party-apps`).'),
  related: z.array(recordId()).optional().describe('Ids of related records; shown in both directions.'),
  events: z.array(EventSchema).min(1).describe('The record\'s timeline, at least one event.'),
  sources: z.array(SourceSchema).min(1).describe('The documents the record cites, at least one.'),
  updated: date().optional().describe('When the editors last revised the record.'),
  corrections: z
    .array(z.strictObject({ date: date().describe('When the correction was made.'), note: markdown().describe('What was corrected, in Markdown.') }))
    .optional()
    .describe('Published corrections to the record, shown to readers.'),
  withdrawn: z
    .strictObject({ date: date().describe('When the record was withdrawn.'), reason: markdown().describe('Why, in Markdown.') })
    .optional()
    .describe('The record stands withdrawn: kept and shown as withdrawn, left out of figures.'),
  extra: z.record(z.string(), z.unknown()).optional().describe('Free-form data the format does not model; never validated beyond YAML.'),
};

const incidentOnly = {
  period: z
    .strictObject({
      start: date().describe('When the exposure or conduct began.'),
      end: date().optional().describe('When it ended; leave out if ongoing or unknown.'),
    })
    .describe('When the exposure or conduct ran.'),
  disclosed: z
    .strictObject({
      date: date().describe('When it was first made public.'),
      by: z.enum(DISCLOSERS).describe('Who made it public first.'),
      source: slug().describe('The id of the source that documents the disclosure.'),
    })
    .describe('The first public disclosure.'),
  discovered: date().optional().describe('When the organization learned of it.'),
  affected: z
    .strictObject({
      people: countOf().optional().describe('People whose data was exposed.'),
      organizations: countOf().optional().describe('Third parties that had access.'),
    })
    .optional()
    .describe('How many were affected, with the uncertainty the sources give.'),
  data_types: z.array(slug()).optional().describe('Kinds of data exposed, as slugs (e.g. `names`, `profile-pictures`).'),
  recipients: z
    .array(z.strictObject({ name: text().describe('Who received or could reach the data.'), role: text().optional().describe('What they were (an app developer, a partner).') }))
    .optional()
    .describe('Who received or could reach the data.'),
};

const enforcementOnly = {
  authority: z
    .union([text(), z.array(text()).min(1)], { error: 'expected the authority\'s name, or a list of names for a joint action' })
    .describe('The authority that acted, or a list of them for a joint action.'),
  jurisdiction: jurisdiction().describe('ISO 3166-1 alpha-2 (US, GB), ISO 3166-2 (US-CA) or EU.'),
  action: z.enum(ACTIONS).describe('What the authority did.'),
  date: date().describe('When the action was announced or imposed.'),
  amount: z
    .strictObject({
      value: z.number().min(0).describe('The amount, at least 0.'),
      currency: currency().describe('An ISO 4217 code such as USD or GBP.'),
      note: text().optional().describe('What the amount covers.'),
    })
    .optional()
    .describe('The money involved.'),
  concerns: z.array(recordId()).optional().describe('Ids of the incidents the action addresses.'),
  legal_basis: text().optional().describe('The law or provision relied on.'),
};

/** The keys only an incident may have. */
export const INCIDENT_KEYS: readonly string[] = Object.keys(incidentOnly);
/** The keys only an enforcement action may have. */
export const ENFORCEMENT_KEYS: readonly string[] = Object.keys(enforcementOnly);

export const IncidentSchema = z
  .strictObject({ ...common, kind: z.literal('incident').describe('The kind of record.'), ...incidentOnly })
  .describe('An incident: conduct that exposed people\'s data, and its disclosure.');

export const EnforcementSchema = z
  .strictObject({ ...common, kind: z.literal('enforcement').describe('The kind of record.'), ...enforcementOnly })
  .describe('An enforcement action: a fine, settlement, order or investigation by an authority.');

/** Any record: the two kinds, told apart by `kind`. */
export const RecordSchema = z.discriminatedUnion('kind', [IncidentSchema, EnforcementSchema]);

/**
 * What the validator checks when `kind` is missing or wrong: every key of either kind is
 * allowed, so the one mistake in `kind` is reported once instead of as a cascade.
 */
export const AnyKindSchema = z.strictObject({
  ...common,
  kind: z.enum(KINDS).describe('The kind of record.'),
  ...z.object(incidentOnly).partial().shape,
  ...z.object(enforcementOnly).partial().shape,
});

/** An incident record as written (dates still as written). */
export type IncidentRecord = z.output<typeof IncidentSchema>;
/** An enforcement record as written. */
export type EnforcementRecord = z.output<typeof EnforcementSchema>;
/** Any record as written. */
export type DisclosureRecord = z.output<typeof RecordSchema>;
/** An event as written. */
export type RecordEvent = z.output<typeof EventSchema>;
/** A source as written. */
export type RecordSource = z.output<typeof SourceSchema>;
/** A count as written. */
export type Count = NonNullable<NonNullable<IncidentRecord['affected']>['people']>;
/** A date as written: a string or an integer year. */
export type DateInput = IncidentRecord['period']['start'];
