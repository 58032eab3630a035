// Data-subject requests, /api/v1: the same use cases, validation and access as the pages.
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy, signedIn } from '../../../platform/http/registry.ts';
import * as service from '../service/subject.ts';
import { canHandleSubjectRequests } from '../subject-policy.ts';
import {
  erasureInput,
  erasureOut,
  erasurePreviewOut,
  exportOut,
  hitOut,
  previewOut,
  requestOut,
  subjectParams,
  userParams,
} from './subject-schema.ts';

const access = policy('canHandleSubjectRequests', canHandleSubjectRequests);
const tag = 'Privacy';
const searchApiQuery = z.object({
  q: z.string().trim().min(2, 'validation.tooShort').max(254, 'validation.tooLong'),
});

export const subjectApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/subjects',
    kind: 'api',
    access,
    query: searchApiQuery,
    summary: "Find people of the administrator's region by e-mail (exact) or name (substring)",
    tag,
    response: z.object({ hits: z.array(hitOut) }),
    handler: async (ctx) => ({ hits: await service.searchSubjects(ctx.db, ctx.actor, ctx.query.q) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/subjects/:source/:id',
    kind: 'api',
    access,
    params: subjectParams,
    summary: 'How many rows about a person each table holds',
    tag,
    response: previewOut,
    handler: async (ctx) => service.previewSubject(ctx.db, ctx.actor, ctx.params),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/subjects/:source/:id/export',
    kind: 'api',
    access,
    params: subjectParams,
    summary: 'Export everything about a person (audited; identity numbers masked)',
    tag,
    response: exportOut,
    handler: async (ctx) =>
      service.exportSubject(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params, 'json'),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/users/:userId/erasure',
    kind: 'api',
    access,
    params: userParams,
    summary: 'What an erasure would delete, anonymise and keep (and why) for a user',
    tag,
    response: erasurePreviewOut,
    handler: async (ctx) => service.erasurePreview(ctx.db, ctx.actor, ctx.params.userId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/privacy/users/:userId/erasure',
    kind: 'api',
    access,
    params: userParams,
    body: erasureInput,
    summary: "Erase or anonymise a user's data where no retention rule keeps it (confirm with their e-mail)",
    tag,
    response: erasureOut,
    handler: async (ctx) =>
      service.eraseSubject(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.userId, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/requests',
    kind: 'api',
    access,
    summary: "The log of data-subject requests of the administrator's region",
    tag,
    response: z.object({ requests: z.array(requestOut) }),
    handler: async (ctx) => ({ requests: await service.listSubjectRequests(ctx.db, ctx.actor) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/my-data',
    kind: 'api',
    access: signedIn,
    summary: 'Export everything about the signed-in user (audited; identity numbers masked)',
    tag,
    response: exportOut,
    handler: async (ctx) => service.exportOwn(ctx.db, { actor: ctx.actor, ip: ctx.ip }, 'json'),
  }),
];
