/** Words for the format's codes, as readers see them. */

export const DISCLOSER_LABEL: Record<string, string> = {
  organization: 'the organization itself', press: 'the press', regulator: 'a regulator',
  researcher: 'researchers', court: 'a court', other: 'another party',
};

export const EVENT_TYPE_LABEL: Record<string, string> = {
  occurrence: 'Occurrence', discovery: 'Discovery', disclosure: 'Disclosure', report: 'Report',
  statement: 'Statement', 'policy-change': 'Policy change', 'access-revoked': 'Access revoked',
  enforcement: 'Enforcement', audit: 'Audit', legal: 'Legal', other: 'Other',
};

export const KIND_LABEL: Record<string, string> = { incident: 'Incident', enforcement: 'Enforcement action' };

export const ACTION_LABEL: Record<string, string> = {
  fine: 'Fine', settlement: 'Settlement', order: 'Order', investigation: 'Investigation', other: 'Other action',
};

/** A slug in words: `profile-pictures` reads "profile pictures". */
export function words(slug: string): string {
  return slug.replace(/-/g, ' ');
}

/** A jurisdiction code with its name: "GB (United Kingdom)". */
export function jurisdictionLabel(code: string, locale: string): string {
  const key = `${locale}\u0000${code}`;
  let label = jurisdictionLabels.get(key);
  if (label === undefined) {
    const country = code.slice(0, 2);
    const name = code === 'EU' ? 'European Union' : new Intl.DisplayNames([locale], { type: 'region' }).of(country);
    jurisdictionLabels.set(key, (label = name && name !== country ? `${code} (${name})` : code));
  }
  return label;
}

// A few codes, asked for on every enforcement page and report row: an Intl.DisplayNames for
// each call took 0.08 s of a cold 10,000-record build.
const jurisdictionLabels = new Map<string, string>();
