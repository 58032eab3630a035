// Weekly and monthly summaries per person × activity × company, with totals for employed and external
// staff; the same rows as CSV (Swedish Excel) and XLSX. Coaches see their own hours; officers their
// organisation's staff; region and ESF admins their region's.
import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import { type CsvCell, csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { firstDay, lastDay, monthOf, today } from '../dates.ts';
import { messages } from '../messages.ts';
import { canLogTime, canSeeOthers, readScope } from '../policy.ts';
import * as staffRepo from '../repo-staff.ts';
import type { SummaryQuery } from '../schema.ts';
import type { Option } from './week.ts';

export interface KindTotal {
  hours: number;
  costSek: number;
}

export interface Summary {
  month: string;
  period: 'week' | 'month';
  from: string;
  to: string;
  rows: staffRepo.SummaryRow[];
  totals: { employed: KindTotal; external: KindTotal; unset: KindTotal; all: number };
  canFilter: boolean;
  people: Option[];
  organisations: Option[];
  filter: { user: string | null; organisation: string | null };
}

export async function summary(db: Db, actor: Actor, q: SummaryQuery): Promise<Summary> {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
  const month = q.month ?? monthOf(today());
  const from = firstDay(month);
  const to = lastDay(month);
  const others = canSeeOthers(actor);
  const scope = others ? readScope(actor) : { userId: actor.userId, regionIds: [], organisationIds: [] };
  const rows = await staffRepo.summaryRows(db, scope, {
    from,
    to,
    period: q.period,
    userId: others ? q.user : actor.userId,
    organisationId: others ? q.organisation : undefined,
  });
  const totals = {
    employed: { hours: 0, costSek: 0 },
    external: { hours: 0, costSek: 0 },
    unset: { hours: 0, costSek: 0 },
    all: 0,
  };
  for (const r of rows) {
    totals[r.kind].hours += r.hours;
    totals[r.kind].costSek += r.costSek ?? 0;
    totals.all += r.hours;
  }
  let people: Option[] = [];
  let organisations: Option[] = [];
  if (others) {
    const staff = await staffRepo.listStaff(db, scope);
    people = [...new Map(staff.map((s) => [s.userId, { value: s.userId, label: s.name }])).values()];
    organisations = [
      ...new Map(
        staff.map((s) => [s.organisationId, { value: s.organisationId, label: s.organisationName }]),
      ).values(),
    ].sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  }
  return {
    month,
    period: q.period,
    from,
    to,
    rows,
    totals,
    canFilter: others,
    people,
    organisations,
    filter: {
      user: others ? (q.user ?? null) : null,
      organisation: others ? (q.organisation ?? null) : null,
    },
  };
}

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const BOM = '\ufeff';

/** The summary rows as a file; the export is audited (filters and row count, no personal data). */
export async function exportSummary(
  db: Db,
  ctx: { actor: Actor; ip: string | null; locale: Locale },
  q: SummaryQuery,
  format: ExportFormat,
): Promise<ExportFile> {
  const s = await summary(db, ctx.actor, q);
  const t = translator(messages, ctx.locale);
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'stafftime.export',
    entityType: 'staff_time_entry',
    ip: ctx.ip,
    details: {
      format,
      month: s.month,
      period: s.period,
      rows: s.rows.length,
      filtered: Boolean(q.user || q.organisation),
    },
  });
  const header = [
    t(s.period === 'week' ? 'stafftime.col.week' : 'stafftime.col.month'),
    t('stafftime.col.person'),
    t('stafftime.col.organisation'),
    t('stafftime.col.kind'),
    t('stafftime.col.activity'),
    t('stafftime.col.company'),
    t('stafftime.col.hours'),
    t('stafftime.col.cost'),
  ];
  const cells = (r: staffRepo.SummaryRow): CsvCell[] => [
    s.period === 'week' ? r.period : r.period.slice(0, 7),
    r.userName,
    r.organisationName,
    t(`stafftime.kind.${r.kind}`),
    t(`stafftime.activity.${r.activity}` as 'stafftime.activity.other'),
    r.companyName,
    r.hours,
    r.costSek === null ? null : Math.round(r.costSek),
  ];
  const name = `${t('stafftime.export.fileName')}-${s.month}.${format}`;
  if (format === 'csv') {
    // Swedish Excel reads decimal commas.
    const sv = (c: CsvCell) => (typeof c === 'number' ? String(c).replace('.', ',') : c);
    const body = BOM + csvLine(header) + s.rows.map((r) => csvLine(cells(r).map(sv))).join('');
    return { fileName: name, contentType: 'text/csv; charset=utf-8', body: Buffer.from(body, 'utf8') };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('stafftime.export.sheet'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow(header).font = { bold: true };
  for (const r of s.rows) sheet.addRow(cells(r));
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(12, (header[i]?.length ?? 10) + 2);
  });
  return {
    fileName: name,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** Hours and cost of a region's staff between two dates, employed vs external (ESF budget and claims). */
export async function staffHoursByKind(
  db: Db,
  regionId: string,
  range: { from: string; to: string },
): Promise<staffRepo.KindTotals> {
  return staffRepo.hoursByKind(db, regionId, range.from, range.to);
}
