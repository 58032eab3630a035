// ESF participants: list, registration (from a learner, a coaching attendee or by hand), detail with the
// audited reveal and closing; pages and /api/v1.
import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { AppError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEsf, isEsfAdmin } from '../policy.ts';
import * as sources from '../repo-sources.ts';
import { closeInput, participantInput, participantListQuery } from '../schema.ts';
import { revealIdentity } from '../service/identity.ts';
import * as service from '../service/participants.ts';
import { currentProgramme } from '../service/programme.ts';
import { ParticipantPage } from '../views/participant.tsx';
import { ParticipantForm } from '../views/participant-form.tsx';
import { ParticipantsPage } from '../views/participants.tsx';

const access = policy('canSeeEsf', canSeeEsf);
const admin = policy('isEsfAdmin', isEsfAdmin);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const idParams = z.object({ id: z.string().uuid() });
const uuidOrUndefined = (v: unknown): string | undefined =>
  z.string().uuid().safeParse(v).success ? (v as string) : undefined;
const newQuery = z.object({
  learner: z.string().uuid().optional(),
  attendee: z.string().uuid().optional(),
  company: z.string().uuid().optional(),
});

const participantOut = z.object({
  id: z.string().uuid(),
  firstName: z.string(),
  lastName: z.string(),
  gender: z.enum(['woman', 'man']),
  ageAtStart: z.number().nullable(),
  personnummerMasked: z.string().nullable(),
  identityKind: z.enum(['personnummer', 'samordningsnummer', 'protected']).nullable(),
  protectedIdentity: z.boolean(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  employerOrgNumber: z.string(),
  managerName: z.string(),
  source: z.enum(['enrolment', 'coaching', 'manual']),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  lastActivity: z.string().nullable(),
  proposedEnd: z.string().nullable(),
  informationAcknowledgedAt: z.string().nullable(),
  version: z.number(),
});
type ParticipantOut = z.infer<typeof participantOut>;

function toJson(p: service.ParticipantListItem): ParticipantOut {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    gender: p.gender,
    ageAtStart: p.ageAtStart,
    personnummerMasked: p.masked,
    identityKind: p.identityKind,
    protectedIdentity: p.protectedIdentity,
    companyId: p.companyId,
    companyName: p.companyName,
    employerOrgNumber: p.employerOrgNumber,
    managerName: p.managerName,
    source: p.source,
    startedOn: p.startedOn,
    endedOn: p.endedOn,
    lastActivity: p.lastActivity,
    proposedEnd: p.proposedEnd,
    informationAcknowledgedAt: p.informationAcknowledgedAt?.toISOString() ?? null,
    version: p.version,
  };
}

async function renderForm(
  ctx: AnyCtx,
  q: { learnerId?: string; attendeeId?: string; companyId?: string },
  errors: FieldError[],
  values: Record<string, string>,
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const w = { actor: ctx.actor, ip: ctx.ip };
  const prefill = await service.prefill(ctx.db, w, q);
  const p = await currentProgramme(ctx.db, ctx.actor);
  const companies = prefill.source === 'manual' ? await sources.regionCompanies(ctx.db, p.regionId) : [];
  return ctx.page(
    t('esf.participant.newTitle'),
    <ParticipantForm
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ prefill, companies, informationText: p.rules.informationText, errors, values }}
    />,
    status,
  );
}

async function renderDetail(
  ctx: AnyCtx,
  id: string,
  extra: { revealed?: string; close?: { errors: FieldError[]; values: Record<string, string> } },
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const p = await service.getParticipant(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id);
  return ctx.page(
    `${p.firstName} ${p.lastName}`,
    <ParticipantPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ p, isAdmin: isEsfAdmin(ctx.actor), revealed: extra.revealed ?? null, close: extra.close ?? null }}
    />,
    status,
  );
}

export const participantRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/esf/participants',
    kind: 'page',
    access,
    query: participantListQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const w = { actor: ctx.actor, ip: ctx.ip };
      const { rows } = await service.listParticipants(ctx.db, w, ctx.query);
      const canRegister = isEsfAdmin(ctx.actor);
      const sources = canRegister ? await service.registrationSources(ctx.db, w) : null;
      return ctx.page(
        t('esf.participant.title'),
        <ParticipantsPage
          t={t}
          vm={{
            rows,
            query: { q: ctx.query.q ?? '', status: ctx.query.status ?? 'active' },
            canRegister,
            sources,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/participants/new',
    kind: 'page',
    access: admin,
    query: newQuery,
    handler: async (ctx) =>
      renderForm(
        ctx as AnyCtx,
        { learnerId: ctx.query.learner, attendeeId: ctx.query.attendee, companyId: ctx.query.company },
        [],
        {},
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/participants',
    kind: 'page',
    access: admin,
    body: participantInput,
    handler: async (ctx) => {
      const raw = ctx.form.ok ? ctx.form.value : ctx.form.raw;
      // Only well-formed ids go back to the source look-up: a malformed one is a field error, not a query.
      const source = {
        learnerId: uuidOrUndefined(raw.learnerId),
        attendeeId: uuidOrUndefined(raw.attendeeId),
      };
      // The number typed is never sent back in the page: the user types it again after an error.
      const keep = (values: Record<string, string>) => ({ ...values, personnummer: '' });
      if (!ctx.form.ok) return renderForm(ctx as AnyCtx, source, ctx.form.errors, keep(ctx.form.raw), 422);
      try {
        const { id } = await service.registerParticipant(
          ctx.db,
          ctx.deps.keyring,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.form.value,
        );
        return ctx.redirect(
          `/esf/participants/${id}`,
          translator(messages, ctx.locale)('esf.participant.registered'),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderForm(ctx as AnyCtx, source, err.fields ?? [], keep(rawForm(ctx.req.body)), 422);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/esf/participants/:id',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderDetail(ctx as AnyCtx, ctx.params.id, {}),
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/participants/:id/reveal',
    kind: 'page',
    access: admin,
    params: idParams,
    handler: async (ctx) => {
      const revealed = await revealIdentity(
        ctx.db,
        ctx.deps.keyring,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
      );
      ctx.reply.header('cache-control', 'no-store');
      return renderDetail(ctx as AnyCtx, ctx.params.id, { revealed });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/esf/participants/:id/close',
    kind: 'page',
    access: admin,
    params: idParams,
    body: closeInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderDetail(
          ctx as AnyCtx,
          ctx.params.id,
          { close: { errors: ctx.form.errors, values: ctx.form.raw } },
          422,
        );
      try {
        await service.closeParticipant(
          ctx.db,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.params.id,
          ctx.form.value,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderDetail(
            ctx as AnyCtx,
            ctx.params.id,
            { close: { errors: err.fields ?? [], values: rawForm(ctx.req.body) } },
            422,
          );
        throw err;
      }
      return ctx.redirect(
        `/esf/participants/${ctx.params.id}`,
        translator(messages, ctx.locale)('esf.participant.closed'),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/participants',
    kind: 'api',
    access,
    query: participantListQuery,
    summary: 'Participants of the current programme (identity numbers masked)',
    tag: 'ESF',
    response: z.array(participantOut),
    handler: async (ctx) =>
      (await service.listParticipants(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.query)).rows.map(toJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/participants',
    kind: 'api',
    access: admin,
    body: participantInput,
    summary: 'Register a participant (the number is sealed; the answer shows it masked)',
    tag: 'ESF',
    successStatus: 201,
    response: participantOut,
    handler: async (ctx) => {
      const w = { actor: ctx.actor, ip: ctx.ip };
      const { id } = await service.registerParticipant(ctx.db, ctx.deps.keyring, w, ctx.body);
      return toJson(await service.getParticipant(ctx.db, w, id));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/esf/participants/:id',
    kind: 'api',
    access,
    params: idParams,
    summary: 'One participant (identity number masked)',
    tag: 'ESF',
    response: participantOut,
    handler: async (ctx) =>
      toJson(await service.getParticipant(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/participants/:id/reveal',
    kind: 'api',
    access: admin,
    params: idParams,
    summary: 'Reveal the full identity number (ESF administrators; audited)',
    tag: 'ESF',
    response: z.object({ personnummer: z.string() }),
    handler: async (ctx) => {
      ctx.reply.header('cache-control', 'no-store');
      return {
        personnummer: await revealIdentity(
          ctx.db,
          ctx.deps.keyring,
          { actor: ctx.actor, ip: ctx.ip },
          ctx.params.id,
        ),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/esf/participants/:id/close',
    kind: 'api',
    access: admin,
    params: idParams,
    body: closeInput,
    summary: 'End a participation (end = the last activity; reported in the month it is set)',
    tag: 'ESF',
    response: participantOut,
    handler: async (ctx) => {
      const w = { actor: ctx.actor, ip: ctx.ip };
      await service.closeParticipant(ctx.db, w, ctx.params.id, ctx.body);
      return toJson(await service.getParticipant(ctx.db, w, ctx.params.id));
    },
  }),
];
