// Downloads of an occasion's attendance: whole hours per learner, date and activity (CSV or XLSX), and the
// invoice basis (CSV). CSV for Swedish Excel: UTF-8 with BOM, semicolons, formula-like cells neutralised.
import ExcelJS from 'exceljs';
import type { Actor } from '../../../platform/auth.ts';
import { type CsvCell, csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { getHoursReport, getInvoiceBasis } from './attendance-reports.ts';

const BOM = '\ufeff';
export type ExportFormat = 'csv' | 'xlsx';

export interface Download {
  fileName: string;
  contentType: string;
  body: Buffer;
}

async function table(format: ExportFormat, header: string[], rows: CsvCell[][], sheet: string, name: string) {
  if (format === 'csv')
    return {
      fileName: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(BOM + csvLine(header) + rows.map(csvLine).join(''), 'utf8'),
    };
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = Math.max(10, (header[i] ?? '').length + 2);
  });
  return {
    fileName: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** Whole hours per learner, date and activity of an occasion. */
export async function exportHours(
  db: Db,
  actor: Actor,
  occasionId: string,
  format: ExportFormat,
  locale: Locale,
): Promise<Download> {
  const t = translator(messages, locale);
  const { rows } = await getHoursReport(db, actor, occasionId);
  const header = [
    t('training.attendance.col.lastName'),
    t('training.attendance.col.firstName'),
    t('training.attendance.col.company'),
    t('training.attendance.col.date'),
    t('training.attendance.col.activity'),
    t('training.attendance.col.minutes'),
    t('training.attendance.col.hours'),
  ];
  const cells: CsvCell[][] = rows.map((r) => [
    r.lastName,
    r.firstName,
    r.companyName,
    r.day,
    t(`training.attendance.activity.${r.activity}` as Parameters<typeof t>[0]),
    r.minutes,
    r.hours,
  ]);
  return table(
    format,
    header,
    cells,
    t('training.attendance.hoursTitle'),
    `timmar-${occasionId.slice(0, 8)}`,
  );
}

/** The invoice basis: one line per attendee, then one line per payer with its sum. */
export async function exportInvoiceBasis(
  db: Db,
  actor: Actor,
  occasionId: string,
  locale: Locale,
): Promise<Download> {
  const t = translator(messages, locale);
  const b = await getInvoiceBasis(db, actor, occasionId);
  const payerLabel = (kind: 'programme' | 'company' | 'free', company: string | null) =>
    kind === 'programme'
      ? t('training.attendance.invoice.payer.programme', { contract: b.occasion.contractReference ?? '–' })
      : kind === 'company'
        ? (company ?? '')
        : t('training.attendance.invoice.payer.free');
  const header = [
    t('training.attendance.col.lastName'),
    t('training.attendance.col.firstName'),
    t('training.attendance.col.company'),
    t('training.attendance.col.minutes'),
    t('training.attendance.col.hours'),
    t('training.attendance.invoice.col.payer'),
    t('training.attendance.invoice.col.price'),
  ];
  const cells: CsvCell[][] = b.attendees.map((a) => [
    a.lastName,
    a.firstName,
    a.companyName,
    a.minutes,
    a.hours,
    payerLabel(a.payer, a.companyName),
    a.priceSek,
  ]);
  cells.push([]);
  for (const p of b.payers)
    cells.push([
      t('training.attendance.invoice.sumFor'),
      null,
      null,
      null,
      p.hours,
      payerLabel(p.kind, p.companyName),
      p.sumSek,
    ]);
  cells.push([t('training.attendance.invoice.total'), null, null, null, b.totalHours, null, b.totalSek]);
  return table('csv', header, cells, '', `fakturaunderlag-${occasionId.slice(0, 8)}`);
}
