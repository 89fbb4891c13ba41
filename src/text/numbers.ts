import type { Count } from '../schema/record.js';

const formats = new Map<string, Intl.NumberFormat>();

// Intl formatters are costly to build; keep one per locale and currency.
function numberFormat(locale: string, currency?: string, whole = false): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ''}|${whole}`;
  let format = formats.get(key);
  if (!format) {
    // Whole amounts read "£500,000"; others keep the currency's usual decimals ("$50.50").
    format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) } : {});
    formats.set(key, format);
  }
  return format;
}

/** A whole number with grouping: "87,000,000". */
export function formatNumber(n: number, locale: string): string {
  return numberFormat(locale).format(n);
}

/** An amount with its currency: "£500,000", "US$5,000,000,000" in the locale's style. */
export function formatMoney(value: number, currency: string, locale: string): string {
  return numberFormat(locale, currency, Number.isInteger(value)).format(value);
}

/** A count with its uncertainty, as the sources give it: "up to 100 (11 confirmed)". */
export function formatCount(count: Count, locale: string): string {
  if (count === 'unknown') return 'unknown';
  if (typeof count === 'number') return formatNumber(count, locale);
  const n = (v: number) => formatNumber(v, locale);
  const parts: string[] = [];
  if (count.estimate !== undefined) parts.push(`about ${n(count.estimate)}`);
  if (count.min !== undefined && count.max !== undefined) parts.push(`between ${n(count.min)} and ${n(count.max)}`);
  else if (count.min !== undefined) parts.push(`at least ${n(count.min)}`);
  else if (count.max !== undefined) parts.push(`up to ${n(count.max)}`);
  const main = parts.join(', ');
  const confirmed = count.confirmed === undefined ? '' : `${n(count.confirmed)} confirmed`;
  return main && confirmed ? `${main} (${confirmed})` : main || confirmed;
}
