// The public documents of the issuers (protocol routes, no session): the JWK set of every signing key, each
// organisation's did:web DID document and Open Badges issuer Profile, and its revocation status list.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { publishedJwks } from '../../../platform/signing-keys.ts';
import { didDocument, profileDocument } from '../service/issuer.ts';
import { statusListCredential } from '../service/status.ts';

const orgParams = z.object({ orgId: z.string().uuid() });
const publicDoc = { kind: 'protocol' as const, access: PUBLIC, protocolAuth: 'none - public document' };
const SHORT_CACHE = 'public, max-age=300';

export const documentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/.well-known/jwks.json',
    ...publicDoc,
    handler: async (ctx) =>
      ctx.reply
        .type('application/jwk-set+json')
        .header('cache-control', SHORT_CACHE)
        .send(JSON.stringify(await publishedJwks(ctx.db))),
  }),
  defineRoute({
    method: 'GET',
    url: '/issuers/:orgId/did.json',
    ...publicDoc,
    params: orgParams,
    handler: async (ctx) => {
      const doc = await didDocument(ctx.db, ctx.deps.baseUrl, ctx.params.orgId);
      if (!doc) throw new AppError('NOT_FOUND');
      return ctx.reply
        .type('application/did+ld+json')
        .header('cache-control', SHORT_CACHE)
        .send(JSON.stringify(doc));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/issuers/:orgId',
    ...publicDoc,
    params: orgParams,
    handler: async (ctx) => {
      const doc = await profileDocument(ctx.db, ctx.deps.baseUrl, ctx.params.orgId);
      if (!doc) throw new AppError('NOT_FOUND');
      return ctx.reply
        .type('application/ld+json')
        .header('cache-control', SHORT_CACHE)
        .send(JSON.stringify(doc));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/credentials/status/:orgId',
    ...publicDoc,
    params: orgParams,
    handler: async (ctx) => {
      const doc = await statusListCredential(ctx.deps, ctx.params.orgId);
      if (!doc) throw new AppError('NOT_FOUND');
      // Short: a revocation must reach verifiers soon.
      return ctx.reply
        .type('application/vc+ld+json')
        .header('cache-control', 'public, max-age=60')
        .send(JSON.stringify(doc));
    },
  }),
];
