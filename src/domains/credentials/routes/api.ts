// /api/v1 twins of the credentials pages (same services, validation and access), and the public verifier.
import { z } from 'zod';
import { type AnyRoute, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import * as service from '../service/holders.ts';
import { verifyCredential } from '../service/verify.ts';
import { holdAccess, issueAccess } from './pages.tsx';
import {
  credentialJson,
  credentialOut,
  idParams,
  issuedOut,
  revokeInput,
  shareApi,
  verificationOut,
  verifyInput,
} from './schema.ts';

const TAG = 'Credentials';
const documentOut = z.record(z.string(), z.unknown());

export const apiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/credentials',
    kind: 'api',
    access: holdAccess,
    summary: "The signed-in user's Open Badges credentials",
    tag: TAG,
    response: z.object({ protectedIdentity: z.boolean(), credentials: z.array(credentialOut) }),
    handler: async (ctx) => {
      const vm = await service.myCredentials(ctx.db, ctx.actor);
      return {
        protectedIdentity: vm.protectedIdentity,
        credentials: vm.credentials.map((c) => credentialJson(c, ctx.deps.baseUrl)),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/credentials/:id',
    kind: 'api',
    access: holdAccess,
    params: idParams,
    summary:
      'One of my credentials as the signed OpenBadgeCredential (JSON-LD with its Data Integrity proof)',
    tag: TAG,
    response: documentOut,
    handler: async (ctx) => (await service.myDocument(ctx.db, ctx.actor, ctx.params.id)).document,
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/credentials/:id/jwt',
    kind: 'api',
    access: holdAccess,
    params: idParams,
    summary: 'One of my credentials as a VC-JWT (EdDSA)',
    tag: TAG,
    response: z.object({ jwt: z.string() }),
    handler: async (ctx) => ({ jwt: (await service.myDocument(ctx.db, ctx.actor, ctx.params.id)).jwt }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/my/credentials/:id/share',
    kind: 'api',
    access: holdAccess,
    params: idParams,
    body: shareApi,
    summary: 'Share one of my credentials publicly (or stop); refused for a protected identity',
    tag: TAG,
    response: credentialOut,
    handler: async (ctx) =>
      credentialJson(await service.setSharing(ctx.db, ctx, ctx.params.id, ctx.body.shared), ctx.deps.baseUrl),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/credentials/issued',
    kind: 'api',
    access: issueAccess,
    summary: "Credentials issued by the caller's organisations (provider) or region (region admin)",
    tag: TAG,
    response: z.object({ credentials: z.array(issuedOut) }),
    handler: async (ctx) => ({
      credentials: (await service.issuedCredentials(ctx.db, ctx.actor)).map((c) => ({
        ...credentialJson(c, ctx.deps.baseUrl),
        revocationReason: c.revocationReason,
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/credentials/issued/:id/revoke',
    kind: 'api',
    access: issueAccess,
    params: idParams,
    body: revokeInput,
    summary: "Revoke an issued credential (sets its bit in the issuer's status list) with a reason",
    tag: TAG,
    response: issuedOut,
    handler: async (ctx) => {
      const c = await service.revokeCredential(ctx.db, ctx, ctx.params.id, ctx.body.reason);
      return { ...credentialJson(c, ctx.deps.baseUrl), revocationReason: c.revocationReason };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/credentials/public/:id',
    kind: 'api',
    access: PUBLIC,
    params: idParams,
    summary: 'A publicly shared credential with the result of verifying it now',
    tag: TAG,
    response: z.object({ credential: documentOut, verification: verificationOut }),
    handler: async (ctx) => {
      const { document } = await service.publicCredential(ctx.db, ctx.params.id);
      return { credential: document, verification: await verifyCredential(ctx.deps, document) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    kind: 'api',
    access: PUBLIC,
    body: verifyInput,
    summary: 'Verify an Open Badges credential (JSON-LD with a Data Integrity proof, or a VC-JWT)',
    tag: TAG,
    response: verificationOut,
    handler: async (ctx) => verifyCredential(ctx.deps, ctx.body.credential),
  }),
];
