// What a GitHub-flavoured Markdown table cell must not hold as it is.
const SPECIAL = /[\r\n\\`*_[\]<>#|~&]/;

/** Text made safe for a GitHub-flavoured Markdown table cell: no pipes, markup or line breaks. */
export function mdCell(text: string): string {
  // Most cells (dates, numbers, names) hold none: tested once, not rewritten twice.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|~&])/g, '\\$1');
}

/** Escapes every string in a value, deeply, for a Markdown template compiled without HTML escaping. */
export function escapeForMarkdown<T>(value: T): T {
  if (typeof value === 'string') return mdCell(value) as T;
  if (Array.isArray(value)) return value.map(escapeForMarkdown) as T;
  if (value !== null && typeof value === 'object') {
    // Built key by key: Object.fromEntries of Object.entries made two arrays an object, some
    // 20,000 objects for the whole dataset's report (0.05 s of a one-record rebuild).
    const escaped: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      escaped[key] = key === 'url' || key === 'href' ? v : escapeForMarkdown(v);
    }
    return escaped as T;
  }
  return value;
}
