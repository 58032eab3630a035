// Spreadsheet files (XLSX) built as a stream: rows are written and compressed as they come (the zip's
// deflate runs in libuv's thread pool), and the builder gives the event loop back every few hundred rows,
// so a large export neither holds the whole workbook in memory nor stalls other requests while it is built.
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxSheet {
  name: string;
  /** The first row, in bold and frozen. */
  header: string[];
  rows: Iterable<XlsxCell[]> | AsyncIterable<XlsxCell[]>;
  /** Column widths in characters, by position. */
  widths?: number[];
}

/** Rows between two yields to the event loop. */
const ROWS_PER_TURN = 100;

/** The workbook of the given sheets, streamed into one buffer. */
export async function xlsxBuffer(sheets: XlsxSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeXlsx(out, sheets);
  await done;
  return Buffer.concat(chunks);
}

/** Write the workbook to `out` (ended when the workbook is complete). */
export async function writeXlsx(out: NodeJS.WritableStream, sheets: XlsxSheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // Fast deflate: the files are small next to the time a higher level costs.
    zip: { zlib: { level: 1 } },
  } as unknown as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    if (s.widths) sheet.columns = s.widths.map((width) => ({ width }));
    const head = sheet.addRow(s.header);
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for await (const cells of s.rows) {
      sheet.addRow(cells).commit();
      if (++n % ROWS_PER_TURN === 0) await yieldToLoop();
    }
    sheet.commit();
  }
  await workbook.commit();
}
