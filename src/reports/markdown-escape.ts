/** Text made safe for a GitHub-flavoured Markdown table cell: no pipes, markup or line breaks. */
export function mdCell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|~&])/g, '\\$1');
}

/** Escapes every string in a value, deeply, for a Markdown template compiled without HTML escaping. */
export function escapeForMarkdown<T>(value: T): T {
  if (typeof value === 'string') return mdCell(value) as T;
  if (Array.isArray(value)) return value.map(escapeForMarkdown) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'url' || k === 'href' ? v : escapeForMarkdown(v)])) as T;
  }
  return value;
}
