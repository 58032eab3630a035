// Public-records requests: /privacy/public-records (form, export page, PDF, JSON) and /api/v1 twin.
// Region administrators for their region; municipality officers for records of their municipality.
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import { toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { recordsMessages } from '../messages/records.ts';
import { publicRecordsExport } from '../service/records.ts';
import { recordsPdf } from '../service/records-pdf.ts';
import { RecordsExportPage, RecordsFormPage } from '../views/records.tsx';
import { type AnyCtx, sendDownload } from './shared.ts';

export const canAnswerRecordsRequests = policy('canAnswerRecordsRequests', (a) =>
  hasRole(a, 'region_admin', 'municipality_officer'),
);
const tOf = (ctx: AnyCtx) => translator(recordsMessages, ctx.locale);

export const recordsQuery = z.object({
  kind: z.enum(['company', 'engagement', 'mapping'], { error: 'validation.choice' }),
  id: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
    z.string({ error: 'validation.required' }).uuid('validation.uuid'),
  ),
});

const exportOut = z.object({
  kind: z.enum(['company', 'engagement', 'mapping']),
  id: z.string(),
  companyName: z.string(),
  generatedAt: z.string(),
  redactions: z.array(
    z.object({
      n: z.number().int(),
      where: z.string(),
      why: z.enum(['business', 'person', 'email', 'pnr']),
      reason: z.string(),
      provision: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({ where: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
  ),
  sections: z.array(
    z.object({ heading: z.string(), items: z.array(z.object({ label: z.string(), text: z.string() })) }),
  ),
});

const rawQuery = (q: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((q ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => (k === 'kind' || k === 'id') && typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, 100)]),
  );

async function exportOf(ctx: AnyCtx, q: z.infer<typeof recordsQuery>) {
  return publicRecordsExport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, q, tOf(ctx));
}

const fileName = (q: z.infer<typeof recordsQuery>, ext: 'pdf' | 'json') =>
  `allman-handling-${q.id.slice(0, 8)}.${ext}`;

export const recordsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/privacy/public-records',
    kind: 'page',
    access: canAnswerRecordsRequests,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      return ctx.page(t('privacy.records.title'), <RecordsFormPage t={t} values={{}} errors={[]} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/public-records/export',
    kind: 'page',
    access: canAnswerRecordsRequests,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const values = rawQuery(ctx.req.query);
      const parsed = recordsQuery.safeParse(values);
      if (!parsed.success)
        return ctx.page(
          t('privacy.records.title'),
          <RecordsFormPage t={t} values={values} errors={toFieldErrors(parsed.error)} />,
          422,
        );
      const x = await exportOf(ctx as AnyCtx, parsed.data);
      const query = new URLSearchParams(parsed.data).toString();
      return ctx.page(
        t('privacy.records.export.title', { company: x.companyName }),
        <RecordsExportPage t={t} x={x} query={query} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/public-records/export.pdf',
    kind: 'page',
    access: canAnswerRecordsRequests,
    query: recordsQuery,
    handler: async (ctx) => {
      const x = await exportOf(ctx as AnyCtx, ctx.query);
      const file = await recordsPdf(x, tOf(ctx as AnyCtx), ctx.locale);
      return sendDownload(ctx.reply, {
        type: 'application/pdf',
        name: fileName(ctx.query, 'pdf'),
        body: file,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/public-records/export.json',
    kind: 'page',
    access: canAnswerRecordsRequests,
    query: recordsQuery,
    handler: async (ctx) => {
      const x = await exportOf(ctx as AnyCtx, ctx.query);
      return sendDownload(ctx.reply, {
        type: 'application/json; charset=utf-8',
        name: fileName(ctx.query, 'json'),
        body: JSON.stringify(x, null, 2),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/public-records',
    kind: 'api',
    access: canAnswerRecordsRequests,
    query: recordsQuery,
    summary:
      'Export of the records a public-records request covers, possibly secret information masked and listed',
    tag: 'Privacy',
    response: exportOut,
    handler: async (ctx) => exportOf(ctx as AnyCtx, ctx.query),
  }),
];
