// Doing a mapping: the list (with rounds for region admins), starting one, the overview, the visibility
// notice, submitting and reopening. Section pages are in mappings-section.tsx, the JSON API in
// ../api-mappings.ts.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { f, rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { getCompany } from '../../companies/index.ts';
import { mappingApiRoutes } from '../api-mappings.ts';
import { allQuestions } from '../instrument/schema.ts';
import { type MappingKey, messages } from '../messages.ts';
import * as mappings from '../service/mappings.ts';
import { canReadNotes } from '../service/notes.ts';
import { MappingListView, roundName } from '../views/mapping-list.tsx';
import { MappingNoticeView } from '../views/mapping-notice.tsx';
import {
  type LinkedProblemVM,
  MappingOverviewView,
  type OverviewVM,
  sectionHref,
} from '../views/mapping-overview.tsx';
import { loc } from '../views/mapping-shared.tsx';
import { MappingFindCompanyView, MappingStartView } from '../views/mapping-start.tsx';
import { appErrorText, listAccess, sectionRoutes } from './mappings-section.tsx';

const startAccess = policy('canStartMappings', mappings.canStartMappings);
const roundAccess = policy('canReopenMappings', mappings.canReopenMappings);
const idParams = z.object({ id: z.string().uuid() });
const PAGE_SIZE = 25;
type AnyCtx = Ctx<unknown, unknown, unknown>;

const blank = (v: unknown) => (v === '' ? undefined : v);
export const mappingListQuery = z.object({
  q: f.optText(100),
  round: z.preprocess(blank, z.string().uuid().optional()).catch(undefined),
  status: z.preprocess(blank, z.enum(['in_progress', 'submitted']).optional()).catch(undefined),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)).catch(1),
});

const optDate = z
  .preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
      // A real calendar date: PostgreSQL refuses 2026-02-30 (a 500 before this check).
      .refine((v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      }, 'validation.date')
      .optional(),
  )
  .transform((v) => v ?? null);
export const roundForm = z.object({
  key: z.preprocess(
    blank,
    z
      .string({ error: 'validation.required' })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'mapping.instrument.keyFormat'),
  ),
  nameSv: f.text(200),
  nameEn: f.text(200),
  opensOn: optDate,
  closesOn: optDate,
});

const startForm = z.object({
  companyId: z.string().uuid(),
  roundId: z.preprocess(blank, z.string({ error: 'mapping.round.unknown' }).uuid('mapping.round.unknown')),
  mode: z.preprocess(blank, z.enum(['interview', 'invite'], { error: 'mapping.new.modeRequired' })),
  contactId: z.preprocess(blank, z.string().uuid('validation.choice').optional()),
});

async function renderList(
  ctx: AnyCtx,
  query: z.infer<typeof mappingListQuery>,
  roundValues: Record<string, string>,
  roundErrors: FieldError[],
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const [{ items, total }, rounds] = await Promise.all([
    mappings.listMappings(ctx.db, ctx.actor, {
      q: query.q ?? undefined,
      roundId: query.round,
      status: query.status,
      page: query.page,
      pageSize: PAGE_SIZE,
    }),
    mappings.listRounds(ctx.db, ctx.actor),
  ]);
  return ctx.page(
    t('mapping.title'),
    <MappingListView
      t={t}
      locale={ctx.locale}
      rows={items}
      total={total}
      pageSize={PAGE_SIZE}
      query={query}
      rounds={rounds}
      canStart={mappings.canStartMappings(ctx.actor)}
      roundAdmin={
        mappings.canReopenMappings(ctx.actor)
          ? { csrf: ctx.csrfToken(), values: roundValues, errors: roundErrors }
          : null
      }
    />,
    status,
  );
}

/** Overview: progress per section, problems (after a failed submission), submit and reopen. */
async function renderOverview(
  ctx: AnyCtx,
  view: mappings.MappingView,
  opts: { submitErrors?: FieldError[]; reopenErrors?: FieldError[]; reason?: string; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const def = view.definition;
  const problems = await mappings.mappingProblems(ctx.db, ctx.actor, view);
  const prefill = await mappings.prefillFor(ctx.db, ctx.actor, view);
  const answers = { ...prefill, ...view.answers };
  const questionOf = new Map(allQuestions(def).map((q) => [q.key, q]));
  const vm: OverviewVM = {
    id: view.mapping.id,
    companyName: view.mapping.companyName,
    roundName: roundName(view.round, ctx.locale),
    instrument: t('mapping.overview.version', { title: loc(def.title, ctx.locale), version: def.version }),
    status: view.mapping.status,
    mode: view.mapping.mode,
    submittedAt: view.mapping.submittedAt,
    updatedAt: view.mapping.updatedAt,
    updatedByName: view.mapping.updatedByName,
    edited: Object.keys(view.sections).length > 0,
    sections: def.sections.map((s) => {
      const keys = new Set(s.questions.map((q) => q.key));
      return {
        key: s.key,
        title: loc(s.title, ctx.locale),
        answered: s.questions.filter((q) => answers[q.key] !== undefined).length,
        total: s.questions.length,
        problems: problems.filter((e) => keys.has(e.field.split('.')[1] ?? '')).length,
        started: view.sections[s.key] !== undefined,
      };
    }),
    canEdit: view.canEdit,
    canReopen: view.canReopen,
    canReadNotes: canReadNotes(ctx.actor),
  };
  const linked: LinkedProblemVM[] = (opts.submitErrors ?? []).map((e) => {
    const sectionKey = mappings.sectionOfField(def, e.field);
    const section = def.sections.find((s) => s.key === sectionKey);
    const parts = e.field.split('.');
    const q = questionOf.get(parts[1] ?? '');
    const row =
      parts.length > 3 && /^\d+$/.test(parts[2] ?? '')
        ? ` (${t('mapping.section.row', { n: Number(parts[2]) + 1 })})`
        : '';
    return {
      href: section ? sectionHref(view.mapping.id, section.key, e.field) : `/mappings/${view.mapping.id}`,
      text: t('mapping.overview.fixIn', {
        section: section ? loc(section.title, ctx.locale) : '',
        message: `${q ? loc(q.label, ctx.locale) : ''}${row}: ${t(e.message as MappingKey, e.params)}`,
      }),
    };
  });
  return ctx.page(
    view.mapping.companyName,
    <MappingOverviewView
      t={t}
      csrf={ctx.csrfToken()}
      vm={vm}
      problems={linked}
      reopenErrors={opts.reopenErrors ?? []}
      reason={opts.reason ?? ''}
    />,
    opts.status ?? 200,
  );
}

async function renderStart(
  ctx: AnyCtx,
  companyId: string,
  values: Record<string, string>,
  errors: FieldError[],
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const detail = await getCompany(ctx.db, ctx.actor, companyId);
  const rounds = (await mappings.listRounds(ctx.db, ctx.actor)).filter(
    (r) => r.regionId === detail.company.regionId,
  );
  return ctx.page(
    t('mapping.new.title'),
    <MappingStartView
      t={t}
      locale={ctx.locale}
      csrf={ctx.csrfToken()}
      company={{
        id: detail.company.id,
        name: detail.company.name,
        contacts: detail.contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
      }}
      rounds={rounds}
      values={values}
      errors={errors}
    />,
    status,
  );
}

async function renderNotice(ctx: AnyCtx, view: mappings.MappingView) {
  const t = translator(messages, ctx.locale);
  return ctx.page(
    t('mapping.notice.title'),
    <MappingNoticeView
      t={t}
      locale={ctx.locale}
      csrf={ctx.csrfToken()}
      mappingId={view.mapping.id}
      companyName={view.mapping.companyName}
      sections={view.definition.sections}
      sensitive={view.mapping.sensitiveQuestions}
      acceptedAt={view.mapping.noticeAcceptedAt}
      canEdit={view.canEdit}
    />,
  );
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];

export const mappingPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mappings',
    kind: 'page',
    access: listAccess,
    query: mappingListQuery,
    handler: async (ctx) => renderList(ctx as AnyCtx, ctx.query, {}, []),
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/rounds',
    kind: 'page',
    access: roundAccess,
    body: roundForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      const query = { q: null, round: undefined, status: undefined, page: 1 };
      if (!ctx.form.ok) return renderList(ctx as AnyCtx, query, raw, ctx.form.errors, 422);
      try {
        await mappings.createRound(ctx.db, ctx.actor, ctx.form.value, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderList(ctx as AnyCtx, query, raw, err.fields, 422);
        throw err;
      }
      return ctx.redirect('/mappings#rounds', t('mapping.rounds.created'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mappings/new',
    kind: 'page',
    access: startAccess,
    query: z.object({
      company: z.preprocess(blank, z.string().uuid().optional()).catch(undefined),
      q: f.optText(100).catch(null),
    }),
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      if (ctx.query.company) return renderStart(ctx as AnyCtx, ctx.query.company, {}, []);
      const q = ctx.query.q ?? '';
      const companies = q ? await mappings.companyChoices(ctx.db, ctx.actor, q) : null;
      return ctx.page(t('mapping.new.title'), <MappingFindCompanyView t={t} q={q} companies={companies} />);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/new',
    kind: 'page',
    access: startAccess,
    body: startForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      const companyId = z.string().uuid().safeParse(raw.companyId);
      if (!companyId.success) throw new AppError('NOT_FOUND');
      if (!ctx.form.ok) return renderStart(ctx as AnyCtx, companyId.data, raw, ctx.form.errors, 422);
      const input = ctx.form.value;
      try {
        if (input.mode === 'invite') {
          if (!input.contactId)
            return renderStart(
              ctx as AnyCtx,
              companyId.data,
              raw,
              [{ field: 'contactId', message: 'validation.required' }],
              422,
            );
          const r = await mappings.inviteToMapping(
            ctx.deps,
            { actor: ctx.actor, ip: ctx.ip },
            {
              companyId: input.companyId,
              roundId: input.roundId,
              contactId: input.contactId,
            },
          );
          return ctx.redirect(`/mappings/${r.id}`, t('mapping.new.invited', { email: r.email }));
        }
        const r = await mappings.startMapping(
          ctx.db,
          ctx.actor,
          { companyId: input.companyId, roundId: input.roundId },
          ctx.ip,
        );
        return ctx.redirect(
          `/mappings/${r.id}`,
          r.created ? t('mapping.new.started') : t('mapping.new.existing'),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderStart(ctx as AnyCtx, companyId.data, raw, err.fields, 422);
        if (err instanceof AppError && err.code === 'CONFLICT')
          return renderStart(
            ctx as AnyCtx,
            companyId.data,
            raw,
            [{ field: '_form', message: err.message }],
            409,
          );
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mappings/:id',
    kind: 'page',
    access: listAccess,
    params: idParams,
    handler: async (ctx) => {
      const view = await mappings.getMapping(ctx.db, ctx.actor, ctx.params.id);
      if (view.canEdit && !view.mapping.noticeAcceptedAt)
        return ctx.redirect(`/mappings/${ctx.params.id}/notice`);
      return renderOverview(ctx as AnyCtx, view);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mappings/:id/notice',
    kind: 'page',
    access: listAccess,
    params: idParams,
    handler: async (ctx) =>
      renderNotice(ctx as AnyCtx, await mappings.getMapping(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/notice',
    kind: 'page',
    access: listAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const sensitive = list((ctx.req.body as Record<string, unknown> | undefined)?.sensitive);
      try {
        await mappings.acceptNotice(ctx.db, ctx.actor, id, sensitive, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.message === 'mapping.locked')
          return ctx.redirect(`/mappings/${id}`, t('mapping.locked'));
        throw err;
      }
      const view = await mappings.getMapping(ctx.db, ctx.actor, id);
      const firstSection =
        view.definition.sections.find((s) => view.sections[s.key] === undefined) ??
        view.definition.sections[0];
      return ctx.redirect(`/mappings/${id}/sections/${firstSection?.key}`, t('mapping.notice.accepted'));
    },
  }),
  ...sectionRoutes,
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/submit',
    kind: 'page',
    access: listAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      try {
        await mappings.submitMapping(ctx.db, ctx.actor, id, ctx.ip);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'VALIDATION') {
          const view = await mappings.getMapping(ctx.db, ctx.actor, id);
          return renderOverview(ctx as AnyCtx, view, { submitErrors: err.fields, status: 422 });
        }
        if (err.message === 'mapping.noticeFirst')
          return ctx.redirect(`/mappings/${id}/notice`, t('mapping.noticeFirst'));
        if (err.code === 'CONFLICT' || err.code === 'FORBIDDEN')
          return ctx.redirect(`/mappings/${id}`, appErrorText(t, err));
        throw err;
      }
      return ctx.redirect(`/mappings/${id}`, t('mapping.overview.submittedFlash'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/reopen',
    kind: 'page',
    access: roundAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const reason = String((ctx.req.body as Record<string, unknown> | undefined)?.reason ?? '');
      try {
        await mappings.reopenMapping(ctx.db, ctx.actor, id, reason, ctx.ip);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'VALIDATION') {
          const view = await mappings.getMapping(ctx.db, ctx.actor, id);
          return renderOverview(ctx as AnyCtx, view, { reopenErrors: err.fields, reason, status: 422 });
        }
        if (err.code === 'CONFLICT') return ctx.redirect(`/mappings/${id}`, appErrorText(t, err));
        throw err;
      }
      return ctx.redirect(`/mappings/${id}`, t('mapping.overview.reopened'));
    },
  }),
  ...mappingApiRoutes,
];
