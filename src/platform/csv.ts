// CSV for Swedish Excel: semicolon-separated, CRLF, cells that would run as formulas neutralised.

export type CsvCell = string | number | null;

/** A cell that a spreadsheet would run as a formula gets an apostrophe in front (OWASP CSV injection). */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return /[;"\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One semicolon-separated line ending in CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}
