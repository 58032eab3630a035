// Signing pages: /my/certificates (the participant confirms), /esf/certificates/sign (managers and HR
// countersign one or many after review) and /esf/sign/:token (a named manager's one-time link — public,
// the token is the credential; it is never logged, as request logs carry the route pattern only, and the
// page is never cached).
import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, PUBLIC, signedIn } from '../../../platform/http/registry.ts';
import { awaitingCountersignature, myCertificates } from '../service/certificates.ts';
import { certificateOfLink, confirmOwn, countersign, signWithLink } from '../service/certificates-sign.ts';
import { LinkSignPage, MessagePage, MyCertificatesPage, SignBatchPage } from '../views/certificates-sign.tsx';
import {
  confirmInput,
  countersignInput,
  idParams,
  linkSignInput,
  tokenParams,
} from './certificates-schema.ts';
import { type AnyCtx, contactAccess, tOf, toVM } from './certificates-shared.ts';

const noStore = (reply: FastifyReply) =>
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

async function renderMine(
  ctx: AnyCtx,
  failed: { id: string; errors: FieldError[] } | null = null,
  status = 200,
) {
  const t = tOf(ctx);
  const rows = await myCertificates(ctx.db, ctx.actor);
  return ctx.page(
    t('esf.certificates.my.title'),
    <MyCertificatesPage t={t} csrf={ctx.csrfToken()} vm={{ rows: rows.map(toVM), failed }} />,
    status,
  );
}

async function renderBatch(ctx: AnyCtx, errors: FieldError[] = [], chosen: string[] = [], status = 200) {
  const t = tOf(ctx);
  const rows = await awaitingCountersignature(ctx.db, ctx.actor);
  return ctx.page(
    t('esf.certificates.sign.title'),
    <SignBatchPage t={t} csrf={ctx.csrfToken()} vm={{ rows: rows.map(toVM), errors, chosen }} />,
    status,
  );
}

function linkGone(ctx: AnyCtx) {
  const t = tOf(ctx);
  return ctx.page(
    t('esf.certificates.link.goneTitle'),
    <MessagePage title={t('esf.certificates.link.goneTitle')} text={t('esf.certificates.link.goneText')} />,
    410,
  );
}

async function renderLink(
  ctx: AnyCtx,
  token: string,
  form: { name: string; errors: FieldError[] } | null,
  status = 200,
) {
  const t = tOf(ctx);
  noStore(ctx.reply);
  const found = await certificateOfLink(ctx.db, token);
  if (!found) return linkGone(ctx);
  const c = found.certificate;
  return ctx.page(
    t('esf.certificates.link.title'),
    <LinkSignPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        c: toVM(c),
        token,
        name: form?.name ?? c.managerName,
        errors: form?.errors ?? [],
        waiting: c.status !== 'participant_confirmed',
      }}
    />,
    status,
  );
}

const chosenOf = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];

export const certificatesSignRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/my/certificates',
    kind: 'page',
    access: signedIn,
    handler: async (ctx) => renderMine(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'POST',
    url: '/my/certificates/:id/confirm',
    kind: 'page',
    access: signedIn,
    params: idParams,
    body: confirmInput,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderMine(ctx as AnyCtx, { id: ctx.params.id, errors: ctx.form.errors }, 422);
      await confirmOwn(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
      return ctx.redirect('/my/certificates', tOf(ctx)('esf.certificates.my.confirmed'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/certificates/sign',
    kind: 'page',
    access: contactAccess,
    handler: async (ctx) => renderBatch(ctx as AnyCtx),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/certificates/sign',
    kind: 'page',
    access: contactAccess,
    body: countersignInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderBatch(
          ctx as AnyCtx,
          ctx.form.errors,
          chosenOf((ctx.req.body as Record<string, unknown>)?.ids),
          422,
        );
      const r = await countersign(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value.ids);
      return ctx.redirect(
        '/esf/certificates/sign',
        tOf(ctx)('esf.certificates.sign.signed', { count: r.signed }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/sign/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    handler: async (ctx) => renderLink(ctx as AnyCtx, ctx.params.token, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/sign/:token',
    kind: 'page',
    access: PUBLIC,
    params: tokenParams,
    body: linkSignInput,
    handler: async (ctx) => {
      const { token } = ctx.params;
      if (!ctx.form.ok)
        return renderLink(
          ctx as AnyCtx,
          token,
          { name: ctx.form.raw.name ?? '', errors: ctx.form.errors },
          422,
        );
      noStore(ctx.reply);
      const t = tOf(ctx);
      const result = await signWithLink(ctx.db, token, { name: ctx.form.value.name, ip: ctx.ip });
      if (result === 'gone') return linkGone(ctx as AnyCtx);
      if (result === 'not_confirmed') throw new AppError('CONFLICT', 'esf.certificates.link.notConfirmed');
      return ctx.page(
        t('esf.certificates.link.done'),
        <MessagePage title={t('esf.certificates.link.title')} text={t('esf.certificates.link.done')} />,
      );
    },
  }),
];
