// The study as CSV (Swedish Excel: semicolons, BOM) or XLSX: the same tables, filters and suppression as the
// page (suppressed cells are empty). Holds aggregates only, never names of persons; audited (filters only).
import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import { type CsvCell, csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { type ST, STUDY_COLUMNS, studyGroupLabel } from '../messages/study.ts';
import { messages } from '../messages.ts';
import { type Study, type StudyQuery, type StudyRow, study } from './study.ts';

export type StudyExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

interface Table {
  header: string[];
  rows: CsvCell[][];
}

/** The key figures of every breakdown in one table (section, group, figures), then the module funnel. */
export function studyTables(s: Study, t: ST): { figures: Table; funnel: Table | null } {
  const header = [
    t('elearning.study.col.section'),
    t('elearning.study.col.group'),
    ...STUDY_COLUMNS.map(([, label]) => t(label)),
  ];
  const line = (section: string, group: string, r: StudyRow): CsvCell[] => [
    section,
    group,
    ...STUDY_COLUMNS.map(([key]) => r[key]),
  ];
  const rows: CsvCell[][] = [line(t('elearning.study.total'), t('elearning.study.total'), s.total)];
  const sections = [
    ['course', 'elearning.study.byCourse', s.byCourse],
    ['gender', 'elearning.study.byGender', s.byGender],
    ['municipality', 'elearning.study.byMunicipality', s.byMunicipality],
    ['provider', 'elearning.study.byProvider', s.byProvider],
  ] as const;
  for (const [section, caption, list] of sections)
    for (const r of list) rows.push(line(t(caption), studyGroupLabel(t, section, r.key, r.label), r));
  const funnel = s.funnel
    ? {
        header: [
          t('elearning.study.col.module'),
          t('elearning.study.col.reached'),
          t('elearning.study.col.moduleCompleted'),
          t('elearning.study.col.droppedOff'),
          t('elearning.study.col.dropOffRate'),
        ],
        rows: s.funnel.modules.map((m) => [
          `${m.position}. ${m.title}`,
          m.reached,
          m.completed,
          m.droppedOff,
          m.dropOffRate,
        ]),
      }
    : null;
  return { figures: { header, rows }, funnel };
}

function csvOf(tables: { figures: Table; funnel: Table | null }, funnelTitle: string | null): Buffer {
  let body = `\ufeff${csvLine(tables.figures.header)}${tables.figures.rows.map((r) => csvLine(r)).join('')}`;
  if (tables.funnel && funnelTitle) {
    body += `\r\n${csvLine([funnelTitle])}${csvLine(tables.funnel.header)}`;
    body += tables.funnel.rows.map((r) => csvLine(r)).join('');
  }
  return Buffer.from(body, 'utf8');
}

async function xlsxOf(tables: { figures: Table; funnel: Table | null }, t: ST): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const add = (name: string, table: Table) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const r of table.rows) sheet.addRow(r);
    sheet.columns.forEach((col, i) => {
      col.width = i < 2 ? 36 : 16;
    });
  };
  add(t('elearning.study.sheetFigures'), tables.figures);
  if (tables.funnel) add(t('elearning.study.sheetFunnel'), tables.funnel);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The export of the study under the given filters. */
export async function exportStudy(
  db: Db,
  ctx: { actor: Actor; ip: string; locale: Locale },
  raw: StudyQuery,
  format: StudyExportFormat,
): Promise<ExportFile> {
  const s = await study(db, ctx.actor, raw);
  const t = translator(messages, ctx.locale) as ST;
  const tables = studyTables(s, t);
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'elearning.study.export',
    entityType: 'study',
    ip: ctx.ip,
    details: { format, ...s.filters, rows: tables.figures.rows.length },
  });
  const fileName = `${t('elearning.study.fileName')}-${s.filters.from ?? 'start'}-${s.filters.to ?? 'idag'}.${format}`;
  if (format === 'csv') {
    const title = s.funnel
      ? t('elearning.study.funnelCaption', { title: s.funnel.title, version: String(s.funnel.version) })
      : null;
    return { fileName, contentType: 'text/csv; charset=utf-8', body: csvOf(tables, title) };
  }
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxOf(tables, t),
  };
}
