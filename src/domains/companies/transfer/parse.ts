// Reading an uploaded file into rows of named columns. Pure apart from exceljs; no database.
// CSV: semicolon, comma or tab (sniffed, or Excel's "sep=;" line), UTF-8 with or without BOM,
// UTF-16 with BOM, otherwise Windows-1252 (what Swedish Excel writes). XLSX: the first worksheet.
// Line numbers are the spreadsheet's row numbers: the header row is row 1 when it comes first.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { type ColumnKey, columnFor, numericColumns, type RowValues } from './columns.ts';

export const MAX_ROWS = 10_000;

export type ParseError =
  | { code: 'empty' | 'notTabular' | 'legacyXls' | 'badXlsx' | 'noHeader' | 'noRows' }
  | { code: 'tooManyRows'; max: number }
  | { code: 'unreadable'; line: number };

export interface SheetRecord {
  line: number;
  values: RowValues;
}

export interface ParsedSheet {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | null;
  delimiter: string | null;
  /** Headers present in the file that the import does not read. */
  ignoredHeaders: string[];
  records: SheetRecord[];
}

export type ParseResult = { ok: true; sheet: ParsedSheet } | { ok: false; error: ParseError };

interface GridRow {
  line: number;
  cells: string[];
}

const fail = (error: ParseError): ParseResult => ({ ok: false, error });

/** Read an uploaded file (CSV or XLSX, decided by its content, not its name). */
export async function parseUpload(data: Buffer): Promise<ParseResult> {
  if (data.length === 0) return fail({ code: 'empty' });
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return parseXlsx(data);
  if (data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return fail({ code: 'legacyXls' });
  const decoded = decodeText(data);
  if (!decoded) return fail({ code: 'notTabular' });
  return parseCsvText(decoded.text, decoded.encoding);
}

/** UTF-8 when the bytes are valid UTF-8, UTF-16 when a BOM says so, else Windows-1252. Null: binary. */
export function decodeText(
  data: Buffer,
): { text: string; encoding: NonNullable<ParsedSheet['encoding']> } | null {
  if (data[0] === 0xff && data[1] === 0xfe) return checked(data.subarray(2).toString('utf16le'), 'utf-16le');
  if (data.includes(0)) return null;
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8');
  } catch {
    return checked(iconv.decode(body, 'win1252'), 'windows-1252');
  }
}

function checked<E extends NonNullable<ParsedSheet['encoding']>>(text: string, encoding: E) {
  return controlCount(text) > Math.max(2, text.length / 1000) ? null : { text, encoding };
}

/** Text files have no control characters but tab, CR, LF (and form feed now and then); nor U+FFFD. */
const isControl = (code: number) =>
  (code < 32 && (code < 9 || code > 13)) || code === 0x7f || code === 0xfffd;

function controlCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++;
  return n;
}

/** The text without control characters (for a file name that is shown and stored). */
export function withoutControl(text: string): string {
  return [...text].filter((ch) => !isControl(ch.charCodeAt(0)) && ch.charCodeAt(0) >= 32).join('');
}

/** Parse CSV text (already decoded: a file's or the API's). */
export function parseCsvText(input: string, encoding: ParsedSheet['encoding'] = 'utf-8'): ParseResult {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (checked(text, 'utf-8') === null) return fail({ code: 'notTabular' });
  if (text.trim() === '') return fail({ code: 'empty' });
  let delimiter: string | null = null;
  const sep = text.match(/^sep=(.)\r?\n/i);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(text);
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (err) {
    const records = (err as { records?: unknown }).records;
    return fail({ code: 'unreadable', line: typeof records === 'number' ? records + 1 : 1 });
  }
  const grid = rows.map((cells, i) => ({ line: i + 1, cells }));
  return fromGrid(grid, { format: 'csv', encoding, delimiter });
}

/** The delimiter that occurs most often outside quotes in the first non-empty line. */
export function sniffDelimiter(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const unquoted = first.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ';';
}

async function parseXlsx(data: Buffer): Promise<ParseResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return fail({ code: 'badXlsx' });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return fail({ code: 'empty' });
  if (sheet.actualRowCount > MAX_ROWS + 1) return fail({ code: 'tooManyRows', max: MAX_ROWS });
  const grid: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value));
    grid.push({ line, cells });
  });
  return fromGrid(grid, { format: 'xlsx', encoding: null, delimiter: null });
}

/** The text of an Excel cell as a person sees it (formulas by their result). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  return '';
}

const HEADER_SEARCH_ROWS = 10;

function fromGrid(
  grid: GridRow[],
  meta: Pick<ParsedSheet, 'format' | 'encoding' | 'delimiter'>,
): ParseResult {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) return fail({ code: 'empty' });
  const header = nonEmpty
    .slice(0, HEADER_SEARCH_ROWS)
    .find((r) => r.cells.some((c) => columnFor(c) === 'orgNumber'));
  if (!header) return fail({ code: 'noHeader' });
  const columns: (ColumnKey | null)[] = [];
  const ignoredHeaders: string[] = [];
  for (const cell of header.cells) {
    const key = columnFor(cell);
    const taken = key !== null && columns.includes(key);
    columns.push(taken ? null : key);
    if ((key === null || taken) && cell.trim() !== '') ignoredHeaders.push(cell.trim());
  }
  const data = nonEmpty.filter((r) => r.line > header.line);
  if (data.length === 0) return fail({ code: 'noRows' });
  if (data.length > MAX_ROWS) return fail({ code: 'tooManyRows', max: MAX_ROWS });
  const records = data.map((r) => ({ line: r.line, values: rowValues(columns, r.cells) }));
  return { ok: true, sheet: { ...meta, ignoredHeaders, records } };
}

function rowValues(columns: (ColumnKey | null)[], cells: string[]): RowValues {
  const values: RowValues = {};
  for (const [i, key] of columns.entries()) {
    if (key === null) continue;
    const value = cleanCell(key, cells[i] ?? '');
    if (value !== '') values[key] = value;
  }
  return values;
}

/** Undo what spreadsheets and our own export do to cells: formula guards, ="0781", lost leading zeros. */
export function cleanCell(key: ColumnKey, raw: string): string {
  let v = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
  const guarded = v.match(/^'([=+\-@].*)$/s);
  if (guarded) v = guarded[1];
  const excelText = v.match(/^="(.*)"$/s);
  if (excelText) v = excelText[1].trim();
  if (numericColumns.has(key) && /^-?[\d ]+$/.test(v)) v = v.replace(/ /g, '');
  if (key === 'orgNumber' && /^\d{9}$/.test(v)) v = `0${v}`;
  if (key === 'municipalityCode' && /^\d{3}$/.test(v)) v = `0${v}`;
  if (key === 'cfar' && /^\d{5,7}$/.test(v)) v = v.padStart(8, '0');
  return v;
}
