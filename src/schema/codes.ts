/** ISO 4217 currency codes, as the platform's Intl data knows them. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Region codes CLDR names but ISO 3166-1 does not assign (UK is only reserved: use GB). */
const NOT_ISO = new Set(['UK', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
// Made on first use: loading the region names took 0.011 s of every start, a build that checks
// no enforcement action's jurisdiction included.
let regions: Intl.DisplayNames | undefined;

/** True for an ISO 4217 code such as `USD`. */
export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

// Each code's answer, asked of Intl once: a lookup there took some 4 µs, for every record's
// jurisdictions.
const countries = new Map<string, boolean>();

/** True for an assigned ISO 3166-1 alpha-2 code such as `GB`. */
export function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_ISO.has(code) || code === 'EU') return false;
  let known = countries.get(code);
  if (known === undefined) countries.set(code, (known = (regions ??= new Intl.DisplayNames(['en'], { type: 'region' })).of(code) !== code));
  return known;
}

/**
 * True for a jurisdiction: a country (`US`), a subdivision of one (`US-CA`: the country is
 * checked, the subdivision's form only), or the European Union (`EU`).
 */
export function isJurisdiction(code: string): boolean {
  if (code === 'EU') return true;
  const m = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/.exec(code);
  return m !== null && isCountry(m[1]!);
}

/** A hint for a near-miss code: upper case, or GB for UK. */
export function codeHint(code: string, valid: (c: string) => boolean): string {
  const upper = code.toUpperCase();
  if (upper === 'UK') return ' (did you mean "GB"?)';
  if (upper !== code && valid(upper)) return ` (did you mean "${upper}"?)`;
  return '';
}
