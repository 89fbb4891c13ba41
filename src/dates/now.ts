import { DateTime } from 'luxon';
import { DATETIME_LOCALE, parseDate } from './parse.js';

/** Where the build's clock came from, for messages. */
export type NowResult = { ok: true; now: DateTime } | { ok: false; reason: string };

/**
 * The build's "today": `--now` (any record date; a day means the end of that day, UTC), else
 * `SOURCE_DATE_EPOCH` (seconds since 1970), else the machine's clock.
 */
export function resolveNow(flag: string | undefined, env: NodeJS.ProcessEnv, clock: () => number = Date.now): NowResult {
  if (flag !== undefined) {
    const parsed = parseDate(flag);
    if (!parsed.ok) return { ok: false, reason: `--now: ${parsed.reason}` };
    // A date names a whole span; "now" is its last instant, so the day itself is not the future.
    return { ok: true, now: DateTime.fromMillis(parsed.date.endMs - 1000, { zone: 'utc', locale: DATETIME_LOCALE }) };
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) return { ok: false, reason: `SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"` };
    return { ok: true, now: DateTime.fromSeconds(Number(epoch), { zone: 'utc', locale: DATETIME_LOCALE }) };
  }
  return { ok: true, now: DateTime.fromMillis(clock(), { zone: 'utc', locale: DATETIME_LOCALE }) };
}
