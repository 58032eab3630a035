// The indicator table of a period as CSV (Swedish Excel: semicolons, BOM) or XLSX; audited (period and
// format only). The export holds counts, never names or numbers of persons.
import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import { type CsvCell, csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { type Indicators, indicators } from './indicators.ts';
import type { WriteCtx } from './programme.ts';

export type IndicatorExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The rows of the export: the figures with target and share, then participants per age band. */
export function exportRows(ind: Indicators, locale: Locale): { header: string[]; rows: CsvCell[][] } {
  const t = translator(messages, locale);
  const header = [
    t('esf.indicators.col.indicator'),
    t('esf.indicators.col.value'),
    t('esf.indicators.col.target'),
    t('esf.indicators.col.percent'),
  ];
  const rows: CsvCell[][] = ind.figures.map((f) => [
    t(`esf.indicators.figure.${f.figure}`),
    f.value,
    f.target,
    f.percent,
  ]);
  for (const b of ind.ageBands) {
    const label = b.key === 'unknown' ? t('esf.indicators.unknown') : b.label;
    rows.push([t('esf.indicators.ageBandWomen', { band: label }), b.women, null, null]);
    rows.push([t('esf.indicators.ageBandMen', { band: label }), b.men, null, null]);
  }
  return { header, rows };
}

export async function exportIndicators(
  db: Db,
  ctx: WriteCtx & { locale: Locale },
  raw: { from?: string | undefined; to?: string | undefined },
  format: IndicatorExportFormat,
): Promise<ExportFile> {
  const ind = await indicators(db, ctx.actor, raw);
  const t = translator(messages, ctx.locale);
  const { header, rows } = exportRows(ind, ctx.locale);
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'esf.indicators.export',
    entityType: 'programme',
    ip: ctx.ip,
    details: { format, from: ind.from, to: ind.to, rows: rows.length },
  });
  const fileName = `${t('esf.indicators.fileName')}-${ind.from}-${ind.to}.${format}`;
  if (format === 'csv') {
    const body = `\ufeff${csvLine(header)}${rows.map((r) => csvLine(r)).join('')}`;
    return { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(body, 'utf8') };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('esf.indicators.title'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 48 : 14;
  });
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
