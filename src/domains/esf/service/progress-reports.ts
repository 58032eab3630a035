// Progress-report drafts (lägesrapport) for a period: the computed indicators against the targets, the
// activities done and the deviations (Markdown), saved with optimistic concurrency; the tagged PDF holds
// counts and texts only — never a personnummer.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { f, isCalendarDate } from '../../../platform/http/forms.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { type PdfBlock, renderPdf } from '../../../platform/pdf.ts';
import { messages } from '../messages.ts';
import { canSetEsfRules } from '../policy.ts';
import * as repo from '../repo-reports.ts';
import { type Indicators, indicatorsOf, resolvePeriod } from './indicators.ts';
import { currentProgramme, type WriteCtx } from './programme.ts';

const date = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'validation.required' }).refine(isCalendarDate, 'validation.date'),
  );

export const reportInput = z
  .object({ periodFrom: date(), periodTo: date() })
  .refine((v) => v.periodTo >= v.periodFrom, { path: ['periodTo'], message: 'esf.indicators.toBeforeFrom' });
export type ReportInput = z.infer<typeof reportInput>;

const text = () =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().max(20000, 'validation.tooLong'));
export const reportTextInput = z.object({
  activities: text(),
  deviations: text(),
  version: f.int(1, 1_000_000),
});
export type ReportTextInput = z.infer<typeof reportTextInput>;

export type ReportRow = repo.ReportRow;

export async function listReports(db: Db, actor: Actor): Promise<ReportRow[]> {
  const p = await currentProgramme(db, actor);
  return repo.listReports(db, p.id);
}

export async function createReport(db: Db, ctx: WriteCtx, input: ReportInput): Promise<string> {
  if (!canSetEsfRules(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertReport(tx, { id, programmeId: p.id, ...input, userId: ctx.actor.userId });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.report.create',
      entityType: 'esf_progress_report',
      entityId: id,
      ip: ctx.ip,
      details: { ...input },
    });
  });
  return id;
}

export interface ReportView {
  report: ReportRow;
  indicators: Indicators;
}

/** A report with its period's indicators; NOT_FOUND outside the actor's programme. */
export async function getReport(db: Db, actor: Actor, id: string): Promise<ReportView> {
  const p = await currentProgramme(db, actor);
  const report = await repo.findReport(db, p.id, id);
  if (!report) throw new AppError('NOT_FOUND');
  const period = resolvePeriod(p, { from: report.periodFrom, to: report.periodTo });
  return { report, indicators: await indicatorsOf(db, p, period) };
}

/** Save the texts; CONFLICT when the version is not the stored one. */
export async function saveReport(db: Db, ctx: WriteCtx, id: string, input: ReportTextInput): Promise<void> {
  if (!canSetEsfRules(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  if (!(await repo.findReport(db, p.id, id))) throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    const ok = await repo.updateReport(tx, { id, programmeId: p.id, ...input, userId: ctx.actor.userId });
    if (!ok) throw new AppError('CONFLICT', 'esf.reports.conflict');
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.report.update',
      entityType: 'esf_progress_report',
      entityId: id,
      ip: ctx.ip,
      details: { version: input.version + 1 },
    });
  });
}

/** Markdown as plain paragraphs for the PDF (markers dropped, blank lines split paragraphs). */
export function plainParagraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split('\n')
        .map((l) => l.replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)/, '').replace(/\*\*|__|`/g, ''))
        .join('\n')
        .trim(),
    )
    .filter((para) => para !== '');
}

/** The report as a tagged PDF (counts and texts only). */
export async function reportPdf(db: Db, actor: Actor, id: string, locale: Locale): Promise<Buffer> {
  const { report, indicators: ind } = await getReport(db, actor, id);
  const t = translator(messages, locale);
  const title = t('esf.reports.pdfTitle', { name: ind.programme.name });
  const num = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat('sv-SE').format(n));
  const texts = (source: string): PdfBlock[] => {
    const paras = plainParagraphs(source);
    return paras.length > 0
      ? paras.map((p) => ({ type: 'p', text: p }))
      : [{ type: 'p', text: t('esf.reports.empty') }];
  };
  const blocks: PdfBlock[] = [
    { type: 'h1', text: title },
    { type: 'p', text: t('esf.reports.period', { from: report.periodFrom, to: report.periodTo }) },
    { type: 'h2', text: t('esf.reports.indicators') },
    {
      type: 'table',
      columns: [
        t('esf.indicators.col.indicator'),
        t('esf.indicators.col.value'),
        t('esf.indicators.col.target'),
        t('esf.indicators.col.percent'),
      ],
      rows: ind.figures.map((x) => [
        t(`esf.indicators.figure.${x.figure}`),
        num(x.value),
        num(x.target),
        x.percent === null ? '–' : `${x.percent} %`,
      ]),
    },
    { type: 'h2', text: t('esf.indicators.byAgeBand') },
    {
      type: 'table',
      columns: [t('esf.indicators.ageBand'), t('esf.indicators.women'), t('esf.indicators.men')],
      rows: ind.ageBands.map((b) => [
        b.key === 'unknown' ? t('esf.indicators.unknown') : b.label,
        num(b.women),
        num(b.men),
      ]),
    },
    { type: 'h2', text: t('esf.reports.activities') },
    ...texts(report.activities),
    { type: 'h2', text: t('esf.reports.deviations') },
    ...texts(report.deviations),
  ];
  return renderPdf({
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title,
    blocks,
    pageLabel: t('esf.reports.pageLabel'),
  });
}
