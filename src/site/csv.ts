/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One RFC 4180 line, ending in CRLF. */
export function csvRow(row: ReadonlyArray<string | number | boolean | undefined>): string {
  return `${row.map(csvField).join(',')}\r\n`;
}

/** An RFC 4180 table: a header row, then the rows. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | undefined>>): string {
  return [header, ...rows].map(csvRow).join('');
}
