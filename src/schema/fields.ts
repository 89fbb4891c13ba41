import * as z from 'zod';
import { DATE_FORMS, DATE_SYNTAX, parseDate } from '../dates/parse.js';
import type { RuleId } from '../diagnostics/rules.js';
import { codeHint, isCurrency, isJurisdiction } from './codes.js';
import { SLUG, toSlug } from '../text/slug.js';
import { urlProblem } from '../text/urls.js';

/**
 * The building blocks of the record schema. Each carries the rule id its failures report
 * under: custom checks in `params.rule`, pattern checks through {@link patternRule}.
 */

const patternRules = new Map<string, RuleId>();

/** The rule a failed pattern check belongs to, by the pattern's source. */
export function patternRule(pattern: string): RuleId | undefined {
  return patternRules.get(pattern);
}

function pattern(re: RegExp, rule: RuleId, message: (input: string) => string) {
  patternRules.set(String(re), rule);
  return z.string().regex(re, { error: (issue) => message(String(issue.input)) });
}

function rule(id: RuleId) {
  return { params: { rule: id } };
}

// A surrogate pair is one code point; a lone surrogate counts as one too, as when iterating.
const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * How many code points a string holds, as `[...s].length` counts them: spreading every text
 * checked into an array of characters took a cold 10,000-record build 0.1 s, counting the
 * pairs a tenth of that.
 */
export const codePoints = (s: string) => s.length - (s.match(SURROGATE_PAIR)?.length ?? 0);

/** A slug such as a tag, a data type or a source id. */
export const slug = () =>
  pattern(SLUG, 'invalid-slug', (s) => `"${s}" is not a slug: use lower-case letters and digits joined by single hyphens, like "${toSlug(s) || 'groups-api'}"`);

/** A record id: a slug of at most 80 characters. */
export const recordId = () =>
  slug().max(80, { error: (issue) => `an id may be at most 80 characters; this one has ${String(issue.input).length}` });

// One line: no line breaks and no control characters (C0, DEL, C1, line and paragraph separators).
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/** Plain text on one line, not blank, at most `max` characters (code points). */
export const text = (max = 1000) =>
  pattern(ONE_LINE, 'invalid-text', () => 'plain text must be one line, without line breaks or control characters')
    .refine((s) => s.trim() !== '', { error: 'text must not be empty', ...rule('invalid-text') })
    .refine((s) => codePoints(s) <= max, {
      error: (issue) => `text may be at most ${max} characters; this has ${codePoints(String(issue.input))}`,
      ...rule('text-too-long'),
    })
    .meta({ maxLength: max });

/** Quotation text: may span lines, but not blank. */
export const quoteText = () => z.string().refine((s) => s.trim() !== '', { error: 'a quotation must not be empty', ...rule('invalid-text') });

/** GitHub-flavoured Markdown, rendered safely; not blank. */
export const markdown = () =>
  z
    .string()
    .refine((s) => s.trim() !== '', { error: 'Markdown text must not be empty', ...rule('invalid-text') })
    .meta({ contentMediaType: 'text/markdown' });

/** An absolute http or https URL. */
export const url = () =>
  z
    .string()
    .refine((s) => urlProblem(s) === undefined, { error: (issue) => urlProblem(String(issue.input)), ...rule('invalid-url') })
    .meta({ format: 'uri', pattern: '^[hH][tT][tT][pP][sS]?://' });

/** A date: an integer year or an ISO 8601 string of year, month, day or date-time precision. */
export const date = () =>
  z
    .union([z.string().regex(DATE_SYNTAX, { error: (issue) => `"${String(issue.input)}" is not a date; write ${DATE_FORMS}` }), z.int().min(1000).max(9999)], {
      error: `expected a date: ${DATE_FORMS}`,
    })
    .superRefine((value, ctx) => {
      const parsed = parseDate(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason, ...rule('invalid-date') });
    })
    .meta({ description: `A date: ${DATE_FORMS}; a trailing ~ marks an estimate.` });
patternRules.set(String(DATE_SYNTAX), 'invalid-date');

/** An ISO 4217 currency code. */
export const currency = () =>
  z
    .string()
    .refine(isCurrency, { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code${codeHint(String(issue.input), isCurrency)}`, ...rule('invalid-currency') })
    .meta({ pattern: '^[A-Z]{3}$' });

/** An ISO 3166-1 alpha-2 country, an ISO 3166-2 subdivision, or EU. */
export const jurisdiction = () =>
  z
    .string()
    .refine(isJurisdiction, {
      error: (issue) =>
        `"${String(issue.input)}" is not a jurisdiction code: use ISO 3166-1 alpha-2 (US, GB), ISO 3166-2 (US-CA) or EU${codeHint(String(issue.input), isJurisdiction)}`,
      ...rule('invalid-jurisdiction'),
    })
    .meta({ pattern: '^([A-Z]{2}(-[A-Z0-9]{1,3})?)$' });

/** A whole number from 0 to 2^53 - 1. */
export const count = () => z.int().min(0);

const countRange = z
  .strictObject({
    estimate: count().optional().describe('The best estimate.'),
    min: count().optional().describe('The lowest figure given.'),
    max: count().optional().describe('The highest figure given.'),
    confirmed: count().optional().describe('The number confirmed so far.'),
    note: text().optional().describe('Where the figures come from, or what they count.'),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message, ...rule('invalid-count') });
    const { estimate, min, max, confirmed } = c;
    if ([estimate, min, max, confirmed].every((n) => n === undefined)) issue('a count needs at least one of estimate, min, max or confirmed');
    if (min !== undefined && max !== undefined && min > max) issue(`min (${min}) is greater than max (${max})`);
    if (estimate !== undefined && min !== undefined && estimate < min) issue(`estimate (${estimate}) is less than min (${min})`);
    if (estimate !== undefined && max !== undefined && estimate > max) issue(`estimate (${estimate}) is greater than max (${max})`);
    if (confirmed !== undefined && max !== undefined && confirmed > max) issue(`confirmed (${confirmed}) is greater than max (${max})`);
  });

/** A count of people or organizations: a number, `unknown`, or a range with its uncertainty. */
export const countOf = () =>
  z.union([count(), z.literal('unknown'), countRange], {
    error: 'expected a count: a whole number, "unknown", or a mapping of estimate, min, max, confirmed and note',
  });
