// The public-records export as a tagged PDF (PDF/UA): title, review list, attachments, then the records.

import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { type PdfBlock, renderPdf } from '../../../platform/pdf.ts';
import type { RecordsExport } from './records.ts';

export function recordsPdf(x: RecordsExport, t: T<string>, locale: Locale): Promise<Buffer> {
  const title = t('privacy.records.export.title', { company: x.companyName });
  const blocks: PdfBlock[] = [
    { type: 'h1', text: title },
    {
      type: 'p',
      text: t('privacy.records.export.generated', { at: formatDateTime(new Date(x.generatedAt)) }),
    },
    { type: 'h2', text: t('privacy.records.review.title') },
    x.redactions.length === 0
      ? { type: 'p', text: t('privacy.records.review.none') }
      : {
          type: 'table',
          columns: ['n', 'where', 'why', 'provision'].map((c) => t(`privacy.records.col.${c}`)),
          rows: x.redactions.map((r) => [String(r.n), r.where, r.reason, r.provision]),
        },
  ];
  if (x.attachments.length > 0)
    blocks.push(
      { type: 'h2', text: t('privacy.records.attachments.title') },
      {
        type: 'table',
        columns: ['where', 'file', 'type', 'size'].map((c) => t(`privacy.records.col.${c}`)),
        rows: x.attachments.map((a) => [a.where, a.fileName, a.mediaType, String(a.sizeBytes)]),
      },
    );
  if (x.sections.length === 0) blocks.push({ type: 'p', text: t('privacy.records.empty') });
  for (const s of x.sections)
    blocks.push(
      { type: 'h2', text: s.heading },
      {
        type: 'table',
        columns: [t('privacy.records.col.label'), t('privacy.records.col.text')],
        rows: s.items.map((i) => [i.label, i.text || '–']),
      },
    );
  return renderPdf({
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title,
    blocks,
    pageLabel: t('privacy.records.page'),
  });
}
