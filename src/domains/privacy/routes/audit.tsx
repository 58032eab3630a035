// The audit log viewer: /admin/audit (page, CSV) and GET /api/v1/audit. Read-only: no route updates or
// deletes audit entries (the table's trigger refuses both anyway).
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import { toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { auditMessages } from '../messages/audit.ts';
import * as service from '../service/audit.ts';
import { AuditPage } from '../views/audit.tsx';
import { sendDownload } from './shared.ts';

export const canReadAuditLog = policy('canReadAuditLog', (a) => hasRole(a, 'region_admin', 'esf_admin'));

const entryOut = z.object({
  id: z.number().int(),
  at: z.date(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
const listOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  entries: z.array(entryOut),
});

const rawQuery = (q: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((q ?? {}) as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, 200)]),
  );

export const auditRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/admin/audit',
    kind: 'page',
    access: canReadAuditLog,
    handler: async (ctx) => {
      const t = translator(auditMessages, ctx.locale);
      const values = rawQuery(ctx.req.query);
      const parsed = service.auditQuery.safeParse(values);
      if (!parsed.success)
        return ctx.page(
          t('privacy.audit.title'),
          <AuditPage t={t} values={values} errors={toFieldErrors(parsed.error)} result={null} />,
          422,
        );
      const result = await service.listAuditLog(ctx.db, ctx.actor, parsed.data);
      return ctx.page(
        t('privacy.audit.title'),
        <AuditPage t={t} values={values} errors={[]} result={result} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/audit.csv',
    kind: 'page',
    access: canReadAuditLog,
    query: service.auditQuery,
    handler: async (ctx) => {
      const t = translator(auditMessages, ctx.locale);
      const header = (['at', 'who', 'email', 'action', 'entity', 'entityId', 'ip', 'details'] as const).map(
        (c) => t(`privacy.audit.col.${c}`),
      );
      const csv = await service.auditCsv(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.query, header);
      return sendDownload(ctx.reply, {
        type: 'text/csv; charset=utf-8',
        name: 'granskningslogg.csv',
        body: `\ufeff${csv}`,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit',
    kind: 'api',
    access: canReadAuditLog,
    query: service.auditQuery,
    summary:
      'Audit log entries in scope (region administrators; ESF administrators: identity entries), 50 a page',
    tag: 'Privacy',
    response: listOut,
    handler: async (ctx) => {
      const r = await service.listAuditLog(ctx.db, ctx.actor, ctx.query);
      return { total: r.total, page: r.page, pageSize: r.pageSize, entries: r.rows };
    },
  }),
];
