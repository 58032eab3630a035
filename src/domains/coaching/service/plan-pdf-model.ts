// The PDF of a plan (a frozen version or the working copy): the translated view model for plan-pdf.ts.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  type Locale,
  translator,
} from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import type { PlanContent } from '../plan-diff.ts';
import { type PlanPdfModel, renderPlanPdf } from '../plan-pdf.ts';
import { contentOf, getPlan } from './plan.ts';
import { getVersion } from './plan-versions.ts';

type PT = ReturnType<typeof translator<keyof typeof messages.sv>>;

export function pdfModel(t: PT, locale: Locale, content: PlanContent, versionLine: string): PlanPdfModel {
  const k = (key: string) => t(key as Parameters<PT>[0]);
  return {
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title: `${t('coaching.plan.title')} – ${content.companyName}`,
    companyName: content.companyName,
    versionLine,
    summaryHeading: t('coaching.plan.summary'),
    summary: content.summary || t('coaching.plan.noSummary'),
    goalsHeading: t('coaching.plan.goals'),
    goals: content.goals.map((g, i) => `${i + 1}. ${g.title}${g.measure ? ` – ${g.measure}` : ''}`),
    noGoals: t('coaching.plan.noGoals'),
    actionsHeading: t('coaching.plan.actions'),
    columns: [
      t('coaching.plan.col.action'),
      t('coaching.plan.col.kind'),
      t('coaching.plan.col.owner'),
      t('coaching.plan.col.due'),
      t('coaching.plan.col.cost'),
      t('coaching.plan.col.hours'),
      t('coaching.plan.col.status'),
      t('coaching.plan.col.needs'),
    ],
    rows: content.actions.map((a) => [
      a.title,
      k(`coaching.plan.kind.${a.kind}`),
      a.ownerName ?? '–',
      a.dueOn ? formatDate(a.dueOn) : '–',
      a.costSek === null ? '–' : formatMoney(a.costSek),
      a.hours === null ? '–' : formatNumber(a.hours),
      k(`coaching.plan.status.${a.status}`),
      a.needs.map((n) => n.label).join('; ') || '–',
    ]),
    noActions: t('coaching.plan.noActions'),
    pageLabel: t('coaching.plan.pdf.page'),
  };
}

/** The PDF of version `n`, or of the working copy when `n` is not given. */
export async function renderPdf(
  db: Db,
  actor: Actor,
  engagementId: string,
  locale: Locale,
  n?: number,
): Promise<{ file: Buffer; fileName: string }> {
  const t = translator(messages, locale);
  if (n !== undefined) {
    const v = await getVersion(db, actor, engagementId, n);
    const line = t('coaching.plan.adoptedBanner', {
      n: v.number,
      name: v.adoptedByName,
      date: formatDateTime(v.adoptedAt),
    });
    return {
      file: await renderPlanPdf(pdfModel(t, locale, v.content, line)),
      fileName: `plan-v${v.number}.pdf`,
    };
  }
  const p = await getPlan(db, actor, engagementId);
  const line = t('coaching.plan.pdf.working', { date: formatDate(new Date()) });
  return { file: await renderPlanPdf(pdfModel(t, locale, contentOf(p), line)), fileName: 'plan.pdf' };
}
