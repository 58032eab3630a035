// Interview notes of a mapping: the page (without JavaScript: save, confirm a proposed concept, remove one)
// and the JSON API. Staff only (region admins, municipality officers, coaches in scope); the service checks.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as notes from '../service/notes.ts';
import { NotesView } from '../views/notes.tsx';
import { appErrorText } from './mappings-section.tsx';

const notesAccess = policy('canReadNotes', notes.canReadNotes);
const TAG = 'Mappings';
const idParams = z.object({ id: z.string().uuid() });
const kind = z.enum(['competence', 'occupation']);
const conceptIdSchema = z.string().trim().min(1).max(40);
type AnyCtx = Ctx<unknown, unknown, unknown>;

const conceptOut = z.object({
  kind,
  conceptId: z.string(),
  name: z.string(),
  ssykCode: z.string().nullable().describe('SSYK code of an occupation name; null for a competence'),
});
const notesOut = z.object({
  mappingId: z.string().uuid(),
  status: z.enum(['in_progress', 'submitted']),
  canEdit: z.boolean(),
  notes: z.string(),
  concepts: z.array(
    conceptOut.extend({
      sourceText: z.string(),
      confirmedByName: z.string().nullable(),
      confirmedAt: z.string(),
    }),
  ),
  proposals: z.array(z.object({ sourceText: z.string(), concepts: z.array(conceptOut) })),
});

function notesJson(v: notes.NotesView): z.infer<typeof notesOut> {
  return {
    mappingId: v.mappingId,
    status: v.status,
    canEdit: v.canEdit,
    notes: v.notes,
    concepts: v.concepts.map((c) => ({ ...c, confirmedAt: c.confirmedAt.toISOString() })),
    proposals: v.proposals,
  };
}

async function renderNotes(
  ctx: AnyCtx,
  id: string,
  opts: { typed?: string; errors?: FieldError[]; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const v = await notes.getNotes(ctx.db, ctx.actor, id);
  return ctx.page(
    `${t('mapping.notes.title')} – ${v.companyName}`,
    <NotesView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        mappingId: v.mappingId,
        companyName: v.companyName,
        status: v.status,
        canEdit: v.canEdit,
        notes: opts.typed ?? v.notes,
        proposals: v.proposals,
        confirmed: v.concepts,
      }}
    />,
    opts.status ?? 200,
  );
}

/** A failed confirm/remove/save on the page: locked → back with the message; other known errors likewise. */
function pageError(ctx: AnyCtx, id: string, err: unknown) {
  if (!(err instanceof AppError)) throw err;
  const t = translator(messages, ctx.locale);
  if (err.code === 'CONFLICT' || err.code === 'FORBIDDEN')
    return ctx.redirect(`/mappings/${id}/notes`, appErrorText(t, err));
  if (err.code === 'VALIDATION') {
    const first = err.fields[0];
    return ctx.redirect(
      `/mappings/${id}/notes`,
      first ? t(first.message as Parameters<typeof t>[0], first.params) : undefined,
    );
  }
  throw err;
}

export const noteRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mappings/:id/notes',
    kind: 'page',
    access: notesAccess,
    params: idParams,
    handler: async (ctx) => renderNotes(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/notes',
    kind: 'page',
    access: notesAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const text = rawForm(ctx.req.body).notes ?? '';
      try {
        await notes.saveNotes(ctx.db, ctx.actor, id, text, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderNotes(ctx as AnyCtx, id, { typed: text, errors: err.fields, status: 422 });
        if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'FORBIDDEN'))
          return renderNotes(ctx as AnyCtx, id, {
            typed: text,
            errors: [
              {
                field: '_form',
                message: err.message.startsWith('mapping.') ? err.message : 'mapping.locked',
              },
            ],
            status: err.status,
          });
        throw err;
      }
      return ctx.redirect(`/mappings/${id}/notes`, t('mapping.notes.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/notes/concepts',
    kind: 'page',
    access: notesAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const raw = rawForm(ctx.req.body);
      const k = kind.safeParse(raw.kind);
      const conceptId = conceptIdSchema.safeParse(raw.conceptId);
      if (!k.success || !conceptId.success)
        return ctx.redirect(`/mappings/${id}/notes`, t('mapping.notes.notProposed'));
      try {
        await notes.confirmConcept(
          ctx.db,
          ctx.actor,
          id,
          { kind: k.data, conceptId: conceptId.data, sourceText: raw.sourceText ?? '' },
          ctx.ip,
        );
      } catch (err) {
        return pageError(ctx as AnyCtx, id, err);
      }
      return ctx.redirect(`/mappings/${id}/notes`, t('mapping.notes.confirmed'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/notes/concepts/remove',
    kind: 'page',
    access: notesAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const raw = rawForm(ctx.req.body);
      const k = kind.safeParse(raw.kind);
      const conceptId = conceptIdSchema.safeParse(raw.conceptId);
      if (!k.success || !conceptId.success) throw new AppError('NOT_FOUND');
      try {
        await notes.removeConcept(ctx.db, ctx.actor, id, k.data, conceptId.data, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.message === 'mapping.notes.notConfirmed')
          return ctx.redirect(`/mappings/${id}/notes`, t('mapping.notes.removed'));
        return pageError(ctx as AnyCtx, id, err);
      }
      return ctx.redirect(`/mappings/${id}/notes`, t('mapping.notes.removed'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings/:id/notes',
    kind: 'api',
    access: notesAccess,
    summary:
      "A mapping's interview notes, confirmed concepts and the concepts proposed for each line (staff)",
    tag: TAG,
    params: idParams,
    response: notesOut,
    handler: async (ctx) => notesJson(await notes.getNotes(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/mappings/:id/notes',
    kind: 'api',
    access: notesAccess,
    summary: "Save a mapping's interview notes (at most 20 000 characters; staff)",
    tag: TAG,
    params: idParams,
    body: z.object({ text: z.string().max(notes.NOTES_MAX, 'mapping.notes.tooLong') }),
    response: notesOut,
    handler: async (ctx) => {
      await notes.saveNotes(ctx.db, ctx.actor, ctx.params.id, ctx.body.text, ctx.ip);
      return notesJson(await notes.getNotes(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/notes/concepts',
    kind: 'api',
    access: notesAccess,
    summary: 'Confirm a concept proposed for a line of the interview notes (staff)',
    tag: TAG,
    params: idParams,
    body: z.object({ kind, conceptId: conceptIdSchema, sourceText: z.string().min(1).max(notes.NOTES_MAX) }),
    response: notesOut,
    successStatus: 201,
    handler: async (ctx) => {
      await notes.confirmConcept(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      return notesJson(await notes.getNotes(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/mappings/:id/notes/concepts/:kind/:conceptId',
    kind: 'api',
    access: notesAccess,
    summary: 'Remove a confirmed concept of the interview notes (staff)',
    tag: TAG,
    params: z.object({ id: z.string().uuid(), kind, conceptId: conceptIdSchema }),
    handler: async (ctx) => {
      await notes.removeConcept(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        ctx.params.kind,
        ctx.params.conceptId,
        ctx.ip,
      );
      return undefined;
    },
  }),
];
