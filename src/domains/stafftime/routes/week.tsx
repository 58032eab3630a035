// "My week" (/time): add, edit and remove one's own entries with plain forms (no JavaScript needed).
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { addDays, isoWeek, monthOf, today } from '../dates.ts';
import { messages } from '../messages.ts';
import { canLogTime, canManageStaff } from '../policy.ts';
import { type EntryInput, entryInput, weekQuery } from '../schema.ts';
import * as entries from '../service/entries.ts';
import { weekModel } from '../service/week.ts';
import { WeekView } from '../views/week.tsx';

export const timeAccess = policy('canLogTime', canLogTime);
const idParams = z.object({ id: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;

interface RenderOpts {
  week?: string;
  editId?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

function entryValues(e: entries.EntryView): Record<string, string> {
  return {
    workDate: e.workDate,
    hours: String(e.hours).replace('.', ','),
    activity: e.activity,
    companyId: e.companyId ?? '',
    engagementId: e.engagementId ?? '',
    organisationId: e.organisationId,
    note: e.note,
  };
}

export async function renderWeek(ctx: AnyCtx, opts: RenderOpts = {}) {
  const t = translator(messages, ctx.locale);
  const day = opts.week && /^\d{4}-\d{2}-\d{2}$/.test(opts.week) ? opts.week : today();
  const model = await weekModel(ctx.db, ctx.actor, day);
  let editing: entries.EntryView | null = null;
  if (opts.editId) editing = await entries.getOwnEntry(ctx.db, ctx.actor, opts.editId);
  const signed = new Set(model.signedMonths);
  const sunday = addDays(model.monday, 6);
  const action = editing ? `/time/entries/${editing.id}` : '/time/entries';
  return ctx.page(
    t('stafftime.title'),
    <WeekView
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        weekNumber: isoWeek(model.monday),
        monday: model.monday,
        sunday,
        prev: addDays(model.monday, -7),
        next: addDays(model.monday, 7),
        days: model.days,
        entries: model.entries.map((e) => ({ ...e, locked: signed.has(monthOf(e.workDate)) })),
        perDay: model.perDay,
        perActivity: model.perActivity,
        total: model.total,
        signedMonths: model.signedMonths,
        manager: canManageStaff(ctx.actor),
        showOrganisation: model.choices.organisations.length > 1,
        form: {
          action,
          heading: t(editing ? 'stafftime.form.edit' : 'stafftime.form.add'),
          submit: t('stafftime.form.save'),
          cancelHref: editing ? `/time?week=${model.monday}` : undefined,
          values: opts.values ?? (editing ? entryValues(editing) : {}),
          errors: opts.errors ?? [],
          choices: model.choices,
          today: today() <= sunday && today() >= model.monday ? today() : model.monday,
        },
      }}
    />,
    opts.status ?? 200,
  );
}

/** Run a write; on a validation error re-render the week with the input kept (422). */
async function submit(
  ctx: AnyCtx,
  editId: string | undefined,
  write: (input: EntryInput) => Promise<{ workDate: string }>,
) {
  const t = translator(messages, ctx.locale);
  const form = ctx.form as
    | { ok: true; value: EntryInput }
    | { ok: false; errors: FieldError[]; raw: Record<string, string> };
  const raw = rawForm(ctx.req.body);
  const week =
    raw.workDate && /^\d{4}-\d{2}-\d{2}$/.test(raw.workDate) && raw.workDate <= today()
      ? raw.workDate
      : undefined;
  if (!form.ok) return renderWeek(ctx, { week, editId, values: raw, errors: form.errors, status: 422 });
  try {
    const saved = await write(form.value);
    return ctx.redirect(
      `/time?week=${saved.workDate}`,
      t(editId ? 'stafftime.entry.updated' : 'stafftime.entry.saved'),
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION')
      return renderWeek(ctx, { week, editId, values: raw, errors: err.fields, status: 422 });
    if (err instanceof AppError && err.code === 'CONFLICT')
      return ctx.redirect(`/time?week=${week ?? today()}`, t(err.message as 'stafftime.error.signed'));
    throw err;
  }
}

export const weekRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/time',
    kind: 'page',
    access: timeAccess,
    query: weekQuery,
    handler: async (ctx) => renderWeek(ctx as AnyCtx, { week: ctx.query.week, editId: ctx.query.edit }),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/entries',
    kind: 'page',
    access: timeAccess,
    body: entryInput,
    handler: async (ctx) =>
      submit(ctx as AnyCtx, undefined, (input) => entries.createEntry(ctx.db, ctx.actor, input, ctx.ip)),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/entries/:id',
    kind: 'page',
    access: timeAccess,
    params: idParams,
    body: entryInput,
    handler: async (ctx) =>
      submit(ctx as AnyCtx, ctx.params.id, (input) =>
        entries.updateEntry(ctx.db, ctx.actor, ctx.params.id, input, ctx.ip),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/time/entries/:id/delete',
    kind: 'page',
    access: timeAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const entry = await entries.getOwnEntry(ctx.db, ctx.actor, ctx.params.id);
      try {
        await entries.deleteEntry(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return ctx.redirect(`/time?week=${entry.workDate}`, t('stafftime.error.signed'));
        throw err;
      }
      return ctx.redirect(`/time?week=${entry.workDate}`, t('stafftime.entry.deleted'));
    },
  }),
];
