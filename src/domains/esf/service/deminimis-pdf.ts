// The de minimis certificate of a company (intyg om stöd av mindre betydelse): a tagged PDF with the
// company, its organisation number (masked for a sole trader), the aid per year and activity, the declared
// other aid, the regulation and the date. Audited as a produced document.
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { formatMoney, type Locale, translator } from '../../../platform/i18n/index.ts';
import { renderPdf } from '../../../platform/pdf.ts';
import { messages } from '../messages.ts';
import { getDeminimis } from './deminimis.ts';
import { swedishToday } from './participants.ts';
import type { WriteCtx } from './programme.ts';

const eur = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
export const formatEur = (n: number): string => eur.format(n);

export async function deminimisCertificatePdf(
  db: Db,
  ctx: WriteCtx,
  companyId: string,
  locale: Locale,
): Promise<{ file: Buffer; fileName: string }> {
  const d = await getDeminimis(db, ctx.actor, companyId, null);
  const t = translator(messages, locale);
  const c = d.company;
  const title = t('esf.deminimis.pdf.title');
  const rows = c.lines.map((l) => [
    String(l.year),
    t(`esf.deminimis.activity.${l.activity}`),
    t(`esf.deminimis.quantity.${l.activity}`, { n: l.quantity }),
    formatMoney(l.valueSek),
    formatEur(l.valueEur),
  ]);
  const file = await renderPdf({
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title,
    blocks: [
      { type: 'h1', text: title },
      { type: 'p', text: t('esf.deminimis.pdf.company', { name: c.companyName }) },
      { type: 'p', text: t('esf.deminimis.pdf.orgNumber', { number: c.orgNumber }) },
      { type: 'p', text: t('esf.deminimis.pdf.grantor', { programme: d.programmeName }) },
      { type: 'p', text: t('esf.deminimis.pdf.period', { from: d.window.from, to: d.window.asOf }) },
      { type: 'space' },
      { type: 'p', text: t('esf.deminimis.pdf.intro', { programme: d.programmeName }) },
      { type: 'h2', text: t('esf.deminimis.breakdown.title') },
      rows.length
        ? {
            type: 'table',
            columns: [
              t('esf.deminimis.col.year'),
              t('esf.deminimis.col.activity'),
              t('esf.deminimis.col.quantity'),
              t('esf.deminimis.col.valueSek'),
              t('esf.deminimis.col.valueEur'),
            ],
            rows,
          }
        : { type: 'p', text: t('esf.deminimis.breakdown.none') },
      { type: 'h2', text: t('esf.deminimis.totals.title') },
      {
        type: 'table',
        columns: [t('esf.deminimis.col.activity'), t('esf.deminimis.col.valueEur')],
        rows: [
          [t('esf.deminimis.totals.given'), formatEur(c.givenEur)],
          [t('esf.deminimis.totals.declared'), formatEur(c.declaredEur)],
          [t('esf.deminimis.totals.total'), formatEur(c.totalEur)],
          [t('esf.deminimis.totals.ceiling'), formatEur(d.rules.ceilingEur)],
        ],
      },
      { type: 'p', text: t('esf.deminimis.pdf.rate', { rate: d.rules.sekPerEur }) },
      { type: 'space' },
      { type: 'p', text: t('esf.deminimis.pdf.regulation', { ceiling: formatEur(d.rules.ceilingEur) }) },
      { type: 'space' },
      { type: 'p', text: t('esf.deminimis.pdf.date', { date: swedishToday() }) },
    ],
    pageLabel: t('esf.deminimis.pdf.page'),
  });
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'esf.deminimis.certificate',
    entityType: 'company',
    entityId: c.companyId,
    ip: ctx.ip,
    details: { totalEur: c.totalEur, asOf: d.window.asOf },
  });
  return { file, fileName: `de-minimis-${d.window.asOf}.pdf` };
}
