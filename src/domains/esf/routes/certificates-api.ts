// The JSON API of the time certificates: the same use cases, validation and access as the pages.
import { z } from 'zod';
import { type AnyRoute, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import {
  awaitingCountersignature,
  correctCertificate,
  generateMonth,
  getCertificate,
  listMonth,
  myCertificates,
} from '../service/certificates.ts';
import { confirmOwn, countersign, createSignLink, recordPaper } from '../service/certificates-sign.ts';
import { swedishToday } from '../service/participants.ts';
import {
  confirmInput,
  correctInput,
  countersignInput,
  generateInput,
  idParams,
  monthQuery,
  paperInput,
} from './certificates-schema.ts';
import {
  adminAccess,
  certificateJson,
  certificateOut,
  contactAccess,
  detailAccess,
  signatureJson,
  signatureOut,
  viewAccess,
} from './certificates-shared.ts';

const tag = 'ESF';
const detailOut = certificateOut.extend({
  signatures: z.array(signatureOut),
  versions: z.array(z.object({ id: z.string().uuid(), version: z.number().int(), status: z.string() })),
  monthClosed: z.boolean(),
});

async function detail(ctx: Parameters<AnyRoute['handler']>[0], id: string) {
  const d = await getCertificate(ctx.db, ctx.actor, id);
  return {
    ...certificateJson(d.certificate),
    signatures: d.signatures.map(signatureJson),
    versions: d.versions.map((v) => ({ id: v.id, version: v.version, status: v.status })),
    monthClosed: d.monthClosed,
  };
}

export const certificatesApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/certificates',
    kind: 'api',
    access: viewAccess,
    query: monthQuery,
    summary: "The programme's time certificates of a month (default: this month)",
    tag,
    response: z.array(certificateOut),
    handler: async (ctx) =>
      (await listMonth(ctx.db, ctx.actor, ctx.query.month ?? swedishToday().slice(0, 7))).rows.map(
        certificateJson,
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/certificates/generate',
    kind: 'api',
    access: adminAccess,
    body: generateInput,
    summary: 'Create or update draft time certificates of a month for every participant with activity',
    tag,
    response: z.object({ created: z.number().int(), updated: z.number().int(), locked: z.number().int() }),
    handler: async (ctx) => generateMonth(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body.month),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/certificates/awaiting-signature',
    kind: 'api',
    access: contactAccess,
    summary: "Your companies' time certificates awaiting the manager's countersignature",
    tag,
    response: z.array(certificateOut),
    handler: async (ctx) => (await awaitingCountersignature(ctx.db, ctx.actor)).map(certificateJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/certificates/countersign',
    kind: 'api',
    access: contactAccess,
    body: countersignInput,
    summary: 'Countersign reviewed time certificates as the nearest manager (several = one batch)',
    tag,
    response: z.object({ signed: z.number().int(), batchId: z.string().uuid().nullable() }),
    handler: async (ctx) => countersign(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body.ids),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/certificates/:id',
    kind: 'api',
    access: detailAccess,
    params: idParams,
    summary: 'One time certificate with its signatures and versions',
    tag,
    response: detailOut,
    handler: async (ctx) => detail(ctx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/certificates/:id/correct',
    kind: 'api',
    access: adminAccess,
    params: idParams,
    body: correctInput,
    summary: 'Correct a confirmed or signed time certificate: a new version supersedes it',
    tag,
    response: detailOut,
    successStatus: 201,
    handler: async (ctx) => {
      const r = await correctCertificate(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.body.reason,
      );
      return detail(ctx, r.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/certificates/:id/paper',
    kind: 'api',
    access: adminAccess,
    params: idParams,
    body: paperInput,
    summary: 'Record the wet-ink signatures of a printed time certificate',
    tag,
    response: detailOut,
    handler: async (ctx) => {
      await recordPaper(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return detail(ctx, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/certificates/:id/sign-link',
    kind: 'api',
    access: adminAccess,
    params: idParams,
    summary: 'A one-time signing link (14 days) for a named manager without an account; shown once',
    tag,
    response: z.object({ url: z.string(), expiresAt: z.string() }),
    successStatus: 201,
    handler: async (ctx) => {
      const { token, expiresAt } = await createSignLink(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
      );
      ctx.reply.header('cache-control', 'no-store');
      return { url: `${ctx.deps.baseUrl}/esf/sign/${token}`, expiresAt: expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/certificates',
    kind: 'api',
    access: signedIn,
    summary: 'Your own time certificates',
    tag,
    response: z.array(certificateOut),
    handler: async (ctx) => (await myCertificates(ctx.db, ctx.actor)).map(certificateJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/my/certificates/:id/confirm',
    kind: 'api',
    access: signedIn,
    params: idParams,
    body: confirmInput,
    summary: 'Confirm your own time certificate',
    tag,
    response: detailOut,
    handler: async (ctx) => {
      await confirmOwn(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
      return detail(ctx, ctx.params.id);
    },
  }),
];
