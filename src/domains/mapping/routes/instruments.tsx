import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { compareCore } from '../instrument/core.ts';
import { type InstrumentDefinition, instrumentDefinition } from '../instrument/schema.ts';
import { commonMethodV1 } from '../instrument/v1.ts';
import { messages } from '../messages.ts';
import { canEditInstrument, canManageInstruments, canViewInstruments } from '../policy.ts';
import * as service from '../service.ts';
import { InstrumentDetailView } from '../views/instruments-detail.tsx';
import {
  forEachText,
  InstrumentJsonForm,
  InstrumentNotEditable,
  InstrumentPublishConfirm,
  InstrumentTextsForm,
} from '../views/instruments-edit.tsx';
import { InstrumentListView } from '../views/instruments-list.tsx';
import type { InstrumentHead, IT } from '../views/instruments-shared.tsx';

const viewAccess = policy('canViewInstruments', canViewInstruments);
const manageAccess = policy('canManageInstruments', canManageInstruments);
const idParams = z.object({ id: z.guid() });

type AnyCtx = Ctx<{ id: string }, unknown, unknown>;

const tr = (locale: Locale): IT => translator(messages, locale);

function headOf(row: service.InstrumentSummary | service.InstrumentRow): InstrumentHead {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    status: row.status,
    national: row.regionId === null,
    title: 'definition' in row ? row.definition.title : row.title,
    publishedAt: row.publishedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Texts form <-> definition

/** The saved texts of a definition as form values (`sections.0.title.sv`). */
function textValues(def: InstrumentDefinition): Record<string, string> {
  const values: Record<string, string> = {};
  forEachText(def, (slot) => {
    const text = slot.holder[slot.prop] as { sv: string; en: string } | undefined;
    values[`${slot.path}.sv`] = text?.sv ?? '';
    values[`${slot.path}.en`] = text?.en ?? '';
  });
  return values;
}

/**
 * The draft with the texts of the form put in. Only texts change: the structure (keys, types, options)
 * is the saved draft's. An optional text left empty in both languages is removed; anything else is left to
 * the schema, which names the field that is wrong.
 */
function applyTexts(def: InstrumentDefinition, raw: Record<string, string>): InstrumentDefinition {
  const copy = structuredClone(def);
  forEachText(copy, (slot) => {
    const sv = raw[`${slot.path}.sv`];
    const en = raw[`${slot.path}.en`];
    if (sv === undefined && en === undefined) return;
    if (slot.optional && (sv ?? '').trim() === '' && (en ?? '').trim() === '') delete slot.holder[slot.prop];
    else slot.holder[slot.prop] = { sv: sv ?? '', en: en ?? '' };
  });
  return copy;
}

/** A fingerprint of what the texts form edits, so texts never land on a question that has moved. */
function structureOf(def: InstrumentDefinition): string {
  const shape = [
    def.levelScale.length,
    def.sections.map((s) => [
      s.key,
      s.questions.map((q) => [q.key, q.options?.map((o) => o.key), q.statements?.map((x) => x.key)]),
    ]),
  ];
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------
// Rendering

function renderTexts(
  ctx: AnyCtx,
  row: service.InstrumentRow,
  values: Record<string, string>,
  errors: FieldError[],
  status: number,
) {
  const t = tr(ctx.locale);
  const head = headOf(row);
  return ctx.page(
    t('mapping.instruments.edit.title', { version: head.version }),
    <InstrumentTextsForm
      t={t}
      locale={ctx.locale}
      head={head}
      definition={row.definition}
      values={values}
      errors={errors}
      csrf={ctx.csrfToken()}
      structure={structureOf(row.definition)}
    />,
    status,
  );
}

function renderJson(
  ctx: AnyCtx,
  row: service.InstrumentRow,
  text: string,
  errors: FieldError[],
  status: number,
) {
  const t = tr(ctx.locale);
  return ctx.page(
    t('mapping.instruments.json.title', { version: row.version }),
    <InstrumentJsonForm t={t} head={headOf(row)} text={text} errors={errors} csrf={ctx.csrfToken()} />,
    status,
  );
}

/** A published (or retired) version: say why it cannot be changed, with a way to a new version. 409. */
function renderNotEditable(ctx: AnyCtx, row: service.InstrumentRow) {
  const t = tr(ctx.locale);
  return ctx.page(
    t('mapping.instruments.notEditable.title'),
    <InstrumentNotEditable
      t={t}
      head={headOf(row)}
      canManage={canManageInstruments(ctx.actor)}
      csrf={ctx.csrfToken()}
    />,
    409,
  );
}

function renderPublish(ctx: AnyCtx, row: service.InstrumentRow, errors: FieldError[], status: number) {
  const t = tr(ctx.locale);
  const national = service.parseDefinition(commonMethodV1);
  return ctx.page(
    t('mapping.instruments.publish.title', { version: row.version }),
    <InstrumentPublishConfirm
      t={t}
      head={headOf(row)}
      comparison={compareCore(national, row.definition)}
      errors={errors}
      csrf={ctx.csrfToken()}
    />,
    status,
  );
}

/** A draft the actor may edit, or null for a published (or retired) version; NOT_FOUND as the service. */
async function draftOrNull(ctx: AnyCtx): Promise<{ row: service.InstrumentRow; draft: boolean }> {
  const row = await service.getInstrument(ctx.db, ctx.actor, ctx.params.id);
  if (row.status === 'draft' && !canEditInstrument(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return { row, draft: row.status === 'draft' };
}

const isCode = (err: unknown, code: AppError['code']): err is AppError =>
  err instanceof AppError && err.code === code;

/** Line and column of a JSON.parse error, when the engine names a position. */
function jsonError(text: string, err: unknown): FieldError {
  const message = err instanceof Error ? err.message : '';
  const lc = message.match(/line (\d+) column (\d+)/);
  if (lc)
    return {
      field: 'definition',
      message: 'mapping.instruments.json.invalidAt',
      params: { line: Number(lc[1]), column: Number(lc[2]) },
    };
  const pos = message.match(/position (\d+)/);
  if (pos) {
    const before = text.slice(0, Number(pos[1])).split('\n');
    return {
      field: 'definition',
      message: 'mapping.instruments.json.invalidAt',
      params: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
    };
  }
  return { field: 'definition', message: 'mapping.instruments.json.invalid' };
}

// ---------------------------------------------------------------------------------------------------
// Pages

const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mapping/instruments',
    kind: 'page',
    access: viewAccess,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const rows = await service.listInstruments(ctx.db, ctx.actor);
      return ctx.page(
        t('mapping.instruments.title'),
        <InstrumentListView
          t={t}
          locale={ctx.locale}
          rows={rows.map(headOf)}
          canManage={canManageInstruments(ctx.actor)}
          csrf={ctx.csrfToken()}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mapping/instruments/:id',
    kind: 'page',
    access: viewAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const row = await service.getInstrument(ctx.db, ctx.actor, ctx.params.id);
      const canManage =
        canManageInstruments(ctx.actor) && (row.status !== 'draft' || canEditInstrument(ctx.actor, row));
      return ctx.page(
        row.definition.title[ctx.locale],
        <InstrumentDetailView
          t={t}
          locale={ctx.locale}
          head={headOf(row)}
          definition={row.definition}
          canManage={canManage}
          csrf={ctx.csrfToken()}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mapping/instruments/:id/copy',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const newId = await service.copyToDraft(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      const draft = await service.getInstrument(ctx.db, ctx.actor, newId);
      return ctx.redirect(
        `/mapping/instruments/${newId}/edit`,
        t('mapping.instruments.copied', { version: draft.version }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mapping/instruments/:id/edit',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      return renderTexts(ctx, row, textValues(row.definition), [], 200);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mapping/instruments/:id/edit',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      const raw = rawForm(ctx.req.body);
      const saved = textValues(row.definition);
      if (raw._structure !== structureOf(row.definition))
        return renderTexts(
          ctx,
          row,
          saved,
          [{ field: '_form', message: 'mapping.instruments.edit.stale' }],
          409,
        );
      const values: Record<string, string> = { ...saved };
      for (const name of Object.keys(saved)) if (raw[name] !== undefined) values[name] = raw[name];
      try {
        await service.updateDraft(ctx.db, ctx.actor, row.id, applyTexts(row.definition, raw), ctx.ip);
      } catch (err) {
        if (isCode(err, 'VALIDATION')) return renderTexts(ctx, row, values, err.fields, 422);
        if (isCode(err, 'CONFLICT')) return renderNotEditable(ctx, row);
        throw err;
      }
      return ctx.redirect(`/mapping/instruments/${row.id}`, t('mapping.instruments.edit.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mapping/instruments/:id/edit-json',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      return renderJson(ctx, row, JSON.stringify(row.definition, null, 2), [], 200);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mapping/instruments/:id/edit-json',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      const text = rawForm(ctx.req.body).definition ?? '';
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (err) {
        return renderJson(ctx, row, text, [jsonError(text, err)], 422);
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return renderJson(
          ctx,
          row,
          text,
          [{ field: 'definition', message: 'mapping.instruments.json.notObject' }],
          422,
        );
      try {
        await service.updateDraft(ctx.db, ctx.actor, row.id, input, ctx.ip);
      } catch (err) {
        if (isCode(err, 'VALIDATION')) return renderJson(ctx, row, text, err.fields, 422);
        if (isCode(err, 'CONFLICT')) return renderNotEditable(ctx, row);
        throw err;
      }
      return ctx.redirect(`/mapping/instruments/${row.id}`, t('mapping.instruments.edit.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/mapping/instruments/:id/publish',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      let errors: FieldError[] = [];
      try {
        service.parseDefinition(row.definition);
      } catch (err) {
        if (!isCode(err, 'VALIDATION')) throw err;
        errors = err.fields;
      }
      return renderPublish(ctx, row, errors, 200);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mapping/instruments/:id/publish',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const { row, draft } = await draftOrNull(ctx);
      if (!draft) return renderNotEditable(ctx, row);
      try {
        await service.publish(ctx.db, ctx.actor, row.id, ctx.ip);
      } catch (err) {
        if (isCode(err, 'VALIDATION')) return renderPublish(ctx, row, err.fields, 422);
        if (isCode(err, 'CONFLICT')) return renderNotEditable(ctx, row);
        throw err;
      }
      return ctx.redirect(
        `/mapping/instruments/${row.id}`,
        t('mapping.instruments.published', { version: row.version }),
      );
    },
  }),
];

// ---------------------------------------------------------------------------------------------------
// JSON API

const localisedOut = z.object({ sv: z.string(), en: z.string() });
const summaryOut = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
  title: localisedOut,
  /** true: the national common method; false: the region's own version. */
  national: z.boolean(),
  status: z.enum(['draft', 'published', 'retired']),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
const detailOut = summaryOut.extend({ definition: instrumentDefinition });
const listOut = z.object({ items: z.array(summaryOut) });

function summaryJson(row: service.InstrumentSummary | service.InstrumentRow): z.infer<typeof summaryOut> {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    title: 'definition' in row ? row.definition.title : row.title,
    national: row.regionId === null,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
  };
}

const detailJson = (row: service.InstrumentRow): z.infer<typeof detailOut> => ({
  ...summaryJson(row),
  definition: row.definition,
});

/**
 * The request body of PUT: a definition. Documented with the definition's schema, but parsed by the
 * service (so that its field errors come back with the domain's own messages); `key` and `version` may be
 * left out, as they are always the draft's own.
 */
const definitionBody = (() => {
  const { $schema: _, ...schema } = z.toJSONSchema(instrumentDefinition, {
    io: 'input',
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const required = ((schema.required ?? []) as string[]).filter((k) => k !== 'key' && k !== 'version');
  return z.unknown().meta({ ...schema, required });
})();

/** A problem document (as the platform's) whose field messages come from the mapping catalogue. */
function validationProblem(ctx: AnyCtx, err: AppError) {
  const t = tr(ctx.locale);
  return ctx.reply
    .code(422)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: t('error.422.title'),
      status: 422,
      code: 'VALIDATION',
      errors: err.fields.map((f) => ({
        field: f.field,
        code: f.message,
        message: (t as (key: string, params?: FieldError['params']) => string)(f.message, f.params),
      })),
    });
}

const apiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/mapping/instruments',
    kind: 'api',
    tag: 'mapping',
    summary: 'List the versions of the mapping instrument you may read (national and your regions)',
    access: viewAccess,
    response: listOut,
    handler: async (ctx) => {
      const rows = await service.listInstruments(ctx.db, ctx.actor);
      return { items: rows.map(summaryJson) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mapping/instruments/:id',
    kind: 'api',
    tag: 'mapping',
    summary: 'One version of the mapping instrument, with its whole definition',
    access: viewAccess,
    params: idParams,
    response: detailOut,
    handler: async (ctx) => detailJson(await service.getInstrument(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mapping/instruments/:id/copy',
    kind: 'api',
    tag: 'mapping',
    summary: 'Copy a version into a new draft of your region (region admin); answers the draft',
    access: manageAccess,
    params: idParams,
    response: detailOut,
    successStatus: 201,
    handler: async (ctx) => {
      const newId = await service.copyToDraft(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return detailJson(await service.getInstrument(ctx.db, ctx.actor, newId));
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/mapping/instruments/:id',
    kind: 'api',
    tag: 'mapping',
    summary: 'Replace the definition of a draft (region admin); 409 for a published version',
    access: manageAccess,
    params: idParams,
    body: definitionBody,
    response: detailOut,
    handler: async (ctx) => {
      try {
        await service.updateDraft(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      } catch (err) {
        if (isCode(err, 'VALIDATION')) return validationProblem(ctx, err);
        throw err;
      }
      return detailJson(await service.getInstrument(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mapping/instruments/:id/publish',
    kind: 'api',
    tag: 'mapping',
    summary: 'Publish a draft (region admin); from then on it can never change',
    access: manageAccess,
    params: idParams,
    response: detailOut,
    handler: async (ctx) => {
      try {
        await service.publish(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      } catch (err) {
        if (isCode(err, 'VALIDATION')) return validationProblem(ctx, err);
        throw err;
      }
      return detailJson(await service.getInstrument(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
];

/** Instrument versions: list, read, copy to a draft, edit, publish (pages and /api/v1). */
export const instrumentRoutes: AnyRoute[] = [...pageRoutes, ...apiRoutes];
