// Data-subject requests, pages: region administrators search their region's people, see what exists, download
// the export (JSON, tagged PDF) and erase; every signed-in user sees and downloads their own data.
import type { FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy, signedIn } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import type { SubjectExport } from '../service/subject.ts';
import * as service from '../service/subject.ts';
import { subjectExportPdf } from '../service/subject-pdf.ts';
import { canHandleSubjectRequests } from '../subject-policy.ts';
import { ErasurePage, MyDataPage, SearchPage, SubjectPage } from '../views/subject.tsx';
import { type AnyCtx, type Failed, formState, sendDownload, statusOf, validationFailure } from './shared.ts';
import { erasureInput, searchQuery, subjectParams, userParams } from './subject-schema.ts';

const access = policy('canHandleSubjectRequests', canHandleSubjectRequests);
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);
const who = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });

async function download(ctx: AnyCtx, e: SubjectExport, format: 'json' | 'pdf') {
  const name = `personuppgifter-${e.generatedAt.slice(0, 10)}.${format}`;
  if (format === 'json')
    return sendDownload(ctx.reply, {
      type: 'application/json; charset=utf-8',
      name,
      body: JSON.stringify(e, null, 2),
    });
  return sendDownload(ctx.reply, {
    type: 'application/pdf',
    name,
    body: await subjectExportPdf(e, ctx.locale),
  });
}

async function renderErasure(ctx: AnyCtx, userId: string, failed: Failed | null) {
  const t = tOf(ctx);
  const vm = await service.erasurePreview(ctx.db, ctx.actor, userId);
  return ctx.page(
    t('privacy.erase.title', { name: vm.name }),
    <ErasurePage t={t} csrf={ctx.csrfToken()} vm={vm} {...formState(failed)} />,
    statusOf(failed),
  );
}

const exportRoute = (format: 'json' | 'pdf') =>
  defineRoute({
    method: 'GET',
    url: `/privacy/requests/people/:source/:id/export.${format}`,
    kind: 'page',
    access,
    params: subjectParams,
    handler: async (ctx) =>
      download(
        ctx as AnyCtx,
        await service.exportSubject(ctx.db, who(ctx as AnyCtx), ctx.params, format),
        format,
      ),
  });

const ownExportRoute = (format: 'json' | 'pdf') =>
  defineRoute({
    method: 'GET',
    url: `/privacy/my-data/export.${format}`,
    kind: 'page',
    access: signedIn,
    handler: async (ctx) =>
      download(ctx as AnyCtx, await service.exportOwn(ctx.db, who(ctx as AnyCtx), format), format),
  });

export const subjectPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/privacy/requests',
    kind: 'page',
    access,
    query: searchQuery,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const q = (ctx.query.q ?? '').trim();
      const errors: FieldError[] =
        q.length === 1 ? [{ field: 'q', message: 'validation.tooShort', params: { min: 2 } }] : [];
      const hits = q.length >= 2 ? await service.searchSubjects(ctx.db, ctx.actor, q) : null;
      const log = await service.listSubjectRequests(ctx.db, ctx.actor);
      return ctx.page(
        t('privacy.requests.title'),
        <SearchPage t={t} q={q} errors={errors} hits={hits} log={log} />,
        errors.length ? 422 : 200,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/requests/people/:source/:id',
    kind: 'page',
    access,
    params: subjectParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const vm = await service.previewSubject(ctx.db, ctx.actor, ctx.params);
      return ctx.page(t('privacy.subject.title', { name: vm.name }), <SubjectPage t={t} vm={vm} />);
    },
  }),
  exportRoute('json'),
  exportRoute('pdf'),
  defineRoute({
    method: 'GET',
    url: '/privacy/requests/:userId/erase',
    kind: 'page',
    access,
    params: userParams,
    handler: async (ctx) => renderErasure(ctx as AnyCtx, ctx.params.userId, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/privacy/requests/:userId/erase',
    kind: 'page',
    access,
    params: userParams,
    body: erasureInput,
    handler: async (ctx) => {
      const id = ctx.params.userId;
      if (!ctx.form.ok)
        return renderErasure(ctx as AnyCtx, id, { errors: ctx.form.errors, values: ctx.form.raw });
      try {
        const done = await service.eraseSubject(ctx.db, who(ctx as AnyCtx), id, ctx.form.value);
        return ctx.redirect(
          '/privacy/requests',
          tOf(ctx as AnyCtx)('privacy.erase.done', { rows: done.rows }),
        );
      } catch (err) {
        return renderErasure(ctx as AnyCtx, id, validationFailure(err, ctx.req.body));
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/my-data',
    kind: 'page',
    access: signedIn,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const vm = await service.previewOwn(ctx.db, ctx.actor);
      return ctx.page(t('privacy.my.title'), <MyDataPage t={t} vm={vm} />);
    },
  }),
  ownExportRoute('json'),
  ownExportRoute('pdf'),
];
