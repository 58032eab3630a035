// The readable export: a tagged PDF (PDF/UA) with a heading per kind of data, why it is held, and each row
// as a field/value table. Long tables are cut with a pointer to the JSON export, which has everything.
import { formatDateTime, type Locale, translator } from '../../../platform/i18n/index.ts';
import { type PdfBlock, renderPdf } from '../../../platform/pdf.ts';
import { messages, type PrivacyKey } from '../messages.ts';
import type { SubjectExport } from './subject.ts';

const MAX_ROWS = 20;
const MAX_CHARS = 400;

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '–';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS)}…` : s;
};

export async function subjectExportPdf(e: SubjectExport, locale: Locale): Promise<Buffer> {
  const t = translator(messages, locale);
  const title = t('privacy.pdf.title');
  const blocks: PdfBlock[] = [
    { type: 'h1', text: title },
    {
      type: 'p',
      text: t('privacy.pdf.generated', {
        date: formatDateTime(new Date(e.generatedAt)),
        name: e.subject.name,
      }),
    },
    { type: 'p', text: t('privacy.pnr.note') },
  ];
  for (const [table, v] of Object.entries(e.tables)) {
    blocks.push({ type: 'h2', text: t(`privacy.table.${table}` as PrivacyKey) });
    blocks.push({
      type: 'p',
      text: t('privacy.pdf.purpose', {
        purpose: v.purpose,
        basis: t(`privacy.basis.${v.legalBasis}` as PrivacyKey),
        retention: v.retention,
      }),
    });
    v.rows.slice(0, MAX_ROWS).forEach((row, i) => {
      if (v.rows.length > 1) blocks.push({ type: 'p', text: t('privacy.pdf.row', { n: i + 1 }) });
      blocks.push({
        type: 'table',
        columns: [t('privacy.pdf.col.field'), t('privacy.pdf.col.value')],
        rows: Object.entries(row).map(([k, val]) => [k, text(val)]),
      });
    });
    if (v.rows.length > MAX_ROWS)
      blocks.push({ type: 'p', text: t('privacy.pdf.more', { n: v.rows.length - MAX_ROWS }) });
  }
  return renderPdf({
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title,
    blocks,
    pageLabel: t('privacy.pdf.page'),
  });
}
