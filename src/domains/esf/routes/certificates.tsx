// ESF time certificates: the administrator's pages (month list, generate, detail, correct, one-time link,
// paper signature, PDF), the signing pages and the /api/v1 mirror.
import type { FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import { isEsfAdmin } from '../policy.ts';
import { correctCertificate, generateMonth, getCertificate, listMonth } from '../service/certificates.ts';
import { certificatePdf } from '../service/certificates-pdf.ts';
import { createSignLink, recordPaper } from '../service/certificates-sign.ts';
import { swedishToday } from '../service/participants.ts';
import { DetailPage, LinkCreatedPage, MonthListPage } from '../views/certificates.tsx';
import { certificatesApiRoutes } from './certificates-api.ts';
import { correctInput, generateInput, idParams, monthQuery, paperInput } from './certificates-schema.ts';
import { type AnyCtx, adminAccess, detailAccess, tOf, toVM, viewAccess } from './certificates-shared.ts';
import { certificatesSignRoutes } from './certificates-sign.tsx';

async function renderList(
  ctx: AnyCtx,
  month: string,
  failed: { errors: FieldError[]; input: string } | null = null,
  status = 200,
) {
  const t = tOf(ctx);
  const { programmeName, rows } = await listMonth(ctx.db, ctx.actor, month);
  return ctx.page(
    t('esf.certificates.title'),
    <MonthListPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        month,
        programmeName,
        canGenerate: isEsfAdmin(ctx.actor),
        rows: rows.filter((r) => r.status !== 'superseded').map(toVM),
        errors: failed?.errors ?? [],
        monthInput: failed?.input ?? month,
      }}
    />,
    status,
  );
}

async function renderDetail(
  ctx: AnyCtx,
  id: string,
  failed: { form: 'correct' | 'paper'; errors: FieldError[]; values: Record<string, string> } | null = null,
  status = 200,
) {
  const t = tOf(ctx);
  const d = await getCertificate(ctx.db, ctx.actor, id);
  const c = d.certificate;
  return ctx.page(
    t('esf.certificates.detailTitle', { month: c.month, name: `${c.firstName} ${c.lastName}` }),
    <DetailPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        c: toVM(c),
        signatures: d.signatures,
        versions: d.versions,
        openLinks: d.openLinks,
        monthClosed: d.monthClosed,
        isLatest: d.versions[0]?.id === c.id,
        canAdminister: isEsfAdmin(ctx.actor),
        defaultManagerName: c.managerName,
        failed,
      }}
    />,
    status,
  );
}

const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/certificates',
    kind: 'page',
    access: viewAccess,
    query: monthQuery,
    handler: async (ctx) => renderList(ctx as AnyCtx, ctx.query.month ?? swedishToday().slice(0, 7)),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/certificates/generate',
    kind: 'page',
    access: adminAccess,
    body: generateInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderList(
          ctx as AnyCtx,
          swedishToday().slice(0, 7),
          { errors: ctx.form.errors, input: ctx.form.raw.month ?? '' },
          422,
        );
      const month = ctx.form.value.month;
      const r = await generateMonth(ctx.db, { actor: ctx.actor, ip: ctx.ip }, month);
      return ctx.redirect(
        `/esf/certificates?month=${month}`,
        tOf(ctx)('esf.certificates.generated', { ...r }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/certificates/:id',
    kind: 'page',
    access: detailAccess,
    params: idParams,
    handler: async (ctx) => renderDetail(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/certificates/:id.pdf',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    handler: async (ctx) => {
      const { file, fileName } = await certificatePdf(
        ctx.db,
        ctx.deps.keyring,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.locale,
      );
      return ctx.reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/certificates/:id/correct',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    body: correctInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderDetail(
          ctx as AnyCtx,
          ctx.params.id,
          { form: 'correct', errors: ctx.form.errors, values: ctx.form.raw },
          422,
        );
      const t = tOf(ctx);
      const r = await correctCertificate(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.form.value.reason,
      );
      const message =
        r.id === ctx.params.id ? t('esf.certificates.regenerated') : t('esf.certificates.corrected', r);
      return ctx.redirect(`/esf/certificates/${r.id}`, message);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/certificates/:id/paper',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    body: paperInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderDetail(
          ctx as AnyCtx,
          ctx.params.id,
          { form: 'paper', errors: ctx.form.errors, values: ctx.form.raw },
          422,
        );
      await recordPaper(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.form.value);
      return ctx.redirect(`/esf/certificates/${ctx.params.id}`, tOf(ctx)('esf.certificates.paper.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/certificates/:id/link',
    kind: 'page',
    access: adminAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const { token, expiresAt } = await createSignLink(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
      );
      const d = await getCertificate(ctx.db, ctx.actor, ctx.params.id);
      // The token is shown once; never cached, never logged (request logs carry the route pattern only).
      ctx.reply.header('cache-control', 'no-store');
      return ctx.page(
        t('esf.certificates.link.created'),
        <LinkCreatedPage
          t={t}
          url={`${ctx.deps.baseUrl}/esf/sign/${token}`}
          expiresAt={expiresAt}
          managerName={d.certificate.managerName}
          certificateId={ctx.params.id}
        />,
      );
    },
  }),
];

/** Every time certificate route: the administrator's pages, the signing pages and the JSON API. */
export const certificatesRoutes: AnyRoute[] = [
  ...pageRoutes,
  ...certificatesSignRoutes,
  ...certificatesApiRoutes,
];
