// Section pages of a mapping: render, save on every page change (no JavaScript needed), conflicts,
// pickers through the reference domain's search-and-choose pages, and the autosave endpoint.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { competencesForSsyk, conceptNames, proposeConcepts } from '../../reference/index.ts';
import {
  fromForm,
  isRowType,
  isShown,
  type RawAnswer,
  type RawRow,
  type SectionAnswers,
} from '../answers/shape.ts';
import { allQuestions, type Question, type Section } from '../instrument/schema.ts';
import { type MappingKey, messages } from '../messages.ts';
import * as mappings from '../service/mappings.ts';
import type { ConflictVM, SectionPageVM } from '../views/mapping-section.tsx';
import { MappingSectionView } from '../views/mapping-section.tsx';
import { loc } from '../views/mapping-shared.tsx';

export const listAccess = policy('canListMappings', mappings.canListMappings);
export const sectionParams = z.object({
  id: z.string().uuid(),
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/),
});
const sectionQuery = z.object({
  field: z
    .string()
    .regex(/^q\.[A-Za-z0-9.]{1,120}$/)
    .optional()
    .catch(undefined),
  pick: z.string().max(100).optional().catch(undefined),
});

type AnyCtx = Ctx<unknown, unknown, unknown>;
type Body = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Localised text of an AppError's message key, or null when it is not one of ours. */
export function appErrorText(t: ReturnType<typeof translator<MappingKey>>, err: AppError): string {
  return err.message.startsWith('mapping.')
    ? t(err.message as MappingKey)
    : t(`error.${err.status}.body` as MappingKey);
}

/**
 * The posted section form → answers: a combobox's typed text when no code was chosen, rows marked for
 * removal dropped, a proposed concept chosen with "use", then the shape's `fromForm`.
 */
export function answersFromBody(section: Section, raw: unknown): Record<string, unknown> {
  const body: Body = { ...((raw && typeof raw === 'object' ? raw : {}) as Body) };
  for (const key of Object.keys(body)) {
    if (!key.endsWith(':text')) continue;
    const text = first(body[key]).trim();
    const base = key.slice(0, -':text'.length);
    if (text === '' || first(body[base]).trim() !== '') continue;
    const textField = base.endsWith('.competenceId')
      ? `${base.slice(0, -'competenceId'.length)}competenceText`
      : base.endsWith('.id')
        ? `${base.slice(0, -'id'.length)}text`
        : null;
    if (textField) {
      if (first(body[textField]).trim() === '') body[textField] = text;
    } else body[base] = text;
  }
  for (const key of Object.keys(body)) {
    const m = /^(q\.[A-Za-z0-9]+\.\d{1,3})\.remove$/.exec(key);
    if (!m || first(body[key]) === '') continue;
    for (const k of Object.keys(body)) if (k.startsWith(`${m[1]}.`)) delete body[k];
  }
  const use = /^(q\.[A-Za-z0-9.]+)=(.{1,100})$/.exec(first(body.use));
  if (use?.[1] && use[2]) body[use[1]] = use[2];
  return fromForm(section, body);
}

/** A draft answer as one line of text (for the side-by-side conflict view). */
export function answerText(q: Question, a: RawAnswer | undefined): string {
  if (a === undefined) return '';
  if (typeof a === 'string') return a;
  if (Array.isArray(a))
    return a
      .map((x) =>
        typeof x === 'string'
          ? x
          : Object.entries(x as RawRow)
              .filter(([k, v]) => k !== 'key' && v !== '')
              .map(([, v]) => v)
              .join(' · '),
      )
      .join(isRowType(q.type) ? '\n' : ', ');
  return Object.entries(a)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

interface Prepared {
  view: mappings.MappingView;
  section: Section;
  index: number;
}

async function prepare(ctx: AnyCtx, id: string, key: string): Promise<Prepared> {
  const view = await mappings.getMapping(ctx.db, ctx.actor, id);
  const index = view.definition.sections.findIndex((s) => s.key === key);
  const section = view.definition.sections[index];
  if (!section) throw new AppError('NOT_FOUND');
  return { view, section, index };
}

/** Codes mentioned in a section's values, by kind. */
function codesIn(section: Section, values: SectionAnswers, picked: string | null) {
  const ssyk = new Set<string>();
  const competence = new Set<string>();
  const texts: { idName: string; text: string }[] = [];
  for (const q of section.questions) {
    const a = values[q.key];
    if (q.type === 'ssyk' && typeof a === 'string') ssyk.add(a);
    if (q.type === 'competence' && a && typeof a === 'object' && !Array.isArray(a)) {
      const v = a as Record<string, string>;
      if (v.id) competence.add(v.id);
      else if (v.text) texts.push({ idName: `q.${q.key}.id`, text: v.text });
    }
    if (isRowType(q.type) && Array.isArray(a))
      (a as RawRow[]).forEach((r, i) => {
        if (r.ssyk) ssyk.add(r.ssyk);
        if (r.competenceId) competence.add(r.competenceId);
        else if (r.competenceText)
          texts.push({ idName: `q.${q.key}.${i}.competenceId`, text: r.competenceText });
      });
  }
  if (picked) {
    ssyk.add(picked);
    competence.add(picked);
  }
  return { ssyk: [...ssyk], competence: [...competence], texts: texts.slice(0, 10) };
}

/** Render a section page: stored answers (plus pre-filled ones), or what was just typed. */
export async function renderSection(
  ctx: AnyCtx,
  p: Prepared,
  opts: {
    typed?: SectionAnswers;
    conflict?: mappings.SaveResult & { kind: 'conflict' };
    errors?: FieldError[];
    picked?: { field: string; value: string } | null;
    status?: number;
  } = {},
) {
  const t = translator(messages, ctx.locale);
  const { view, section, index } = p;
  const def = view.definition;
  const prefill = await mappings.prefillFor(ctx.db, ctx.actor, view);
  const stored: SectionAnswers = {};
  for (const q of section.questions)
    if (view.answers[q.key] !== undefined) stored[q.key] = view.answers[q.key] as RawAnswer;
  const prefilled = section.questions.filter(
    (q) => stored[q.key] === undefined && prefill[q.key] !== undefined,
  );
  const values: SectionAnswers = opts.typed ?? {
    ...Object.fromEntries(prefilled.map((q) => [q.key, prefill[q.key] as RawAnswer])),
    ...stored,
  };
  const merged = { ...prefill, ...view.answers, ...values };
  const questions = section.questions.filter((q) => isShown(q, merged));
  let errors = opts.errors;
  if (!errors) {
    const keys = new Set(section.questions.map((q) => q.key));
    errors = view.sections[section.key]
      ? (await mappings.mappingProblems(ctx.db, ctx.actor, view)).filter((e) =>
          keys.has(e.field.split('.')[1] ?? ''),
        )
      : [];
  }
  const rolesQ =
    section.questions.find((q) => q.rolesFrom)?.rolesFrom ??
    allQuestions(def).find((q) => q.type === 'roleMatrix')?.key;
  const roleRows = (rolesQ && Array.isArray(merged[rolesQ]) ? merged[rolesQ] : []) as RawRow[];
  const roles = roleRows
    .map((r) => ({ key: r.key ?? '', title: r.title ?? '', ssyk: r.ssyk ?? '' }))
    .filter((r) => r.key);
  const picked = opts.picked ?? null;
  const codes = codesIn(section, values, picked?.value ?? null);
  const [ssykNames, competenceNames] = await Promise.all([
    conceptNames(ctx.db, 'ssyk', codes.ssyk),
    conceptNames(ctx.db, 'competence', codes.competence),
  ]);
  const names: Record<string, string> = {};
  for (const [code, name] of competenceNames) names[code] = name;
  for (const [code, name] of ssykNames) names[code] = `${code} ${name}`;
  const proposals: SectionPageVM['proposals'] = {};
  for (const { idName, text } of codes.texts) {
    const found = await proposeConcepts(ctx.db, text, 5);
    proposals[idName] = found
      .filter((c) => c.kind === 'competence')
      .slice(0, 3)
      .map((c) => ({ conceptId: c.conceptId, name: c.name }));
  }
  const related: SectionPageVM['related'] = {};
  if (section.questions.some((q) => q.type === 'requirementMatrix'))
    for (const r of roles.slice(0, 10))
      if (/^\d{4}$/.test(r.ssyk))
        related[r.key] = (await competencesForSsyk(ctx.db, r.ssyk))
          .slice(0, 12)
          .map((c) => ({ conceptId: c.conceptId, name: c.name }));
  let conflict: ConflictVM | null = null;
  if (opts.conflict) {
    const c = opts.conflict;
    conflict = {
      updatedByName: c.updatedByName,
      updatedAt: c.updatedAt,
      rows: section.questions
        .map((q) => ({
          label: loc(q.label, ctx.locale),
          theirs: answerText(q, c.theirs[q.key]),
          mine: answerText(q, c.mine[q.key]),
        }))
        .filter((r) => r.theirs !== r.mine),
    };
  }
  const vm: SectionPageVM = {
    mappingId: view.mapping.id,
    companyName: view.mapping.companyName,
    section,
    index,
    total: def.sections.length,
    questions,
    values,
    prefilled: opts.typed ? [] : prefilled.map((q) => q.key),
    roles,
    levels: def.levelScale.map((l) => ({
      value: l.value,
      label: loc(l.label, ctx.locale),
      description: loc(l.description, ctx.locale),
    })),
    errors,
    revision: opts.conflict ? opts.conflict.revision : view.mapping.revision,
    sensitive: view.mapping.sensitiveQuestions,
    names,
    proposals,
    related,
    picked,
    conflict,
    hasPrevious: index > 0,
    hasNext: index < def.sections.length - 1,
  };
  return ctx.page(
    t('mapping.section.title', {
      section: loc(section.title, ctx.locale),
      company: view.mapping.companyName,
    }),
    <MappingSectionView t={t} locale={ctx.locale} csrf={ctx.csrfToken()} vm={vm} />,
    opts.status ?? (errors.length ? 200 : 200),
  );
}

/** New sensitive marks: those of questions not on the page are kept; the page's checkboxes decide the rest. */
function sensitiveAfter(current: string[], body: Body): string[] | null {
  const shown = new Set(list(body.shown));
  const next = [...new Set([...current.filter((k) => !shown.has(k)), ...list(body.sensitive)])].sort();
  return JSON.stringify(next) === JSON.stringify([...current].sort()) ? null : next;
}

type SaveOutcome =
  | { kind: 'saved'; errors: FieldError[]; revision: number; typed: SectionAnswers }
  | { kind: 'conflict'; result: mappings.SaveResult & { kind: 'conflict' } };

async function saveFromBody(ctx: AnyCtx, p: Prepared, body: Body): Promise<SaveOutcome> {
  const answers = answersFromBody(p.section, body);
  const baseRevision = Number.parseInt(first(body.baseRevision), 10);
  const result = await mappings.saveSection(ctx.db, ctx.actor, p.view.mapping.id, p.section.key, {
    baseRevision: Number.isFinite(baseRevision) ? baseRevision : 0,
    answers,
    force: first(body.force) === '1',
  });
  if (result.kind === 'conflict') return { kind: 'conflict', result };
  const marks = sensitiveAfter(p.view.mapping.sensitiveQuestions, body);
  if (marks) await mappings.markSensitive(ctx.db, ctx.actor, p.view.mapping.id, marks, ctx.ip);
  return {
    kind: 'saved',
    errors: result.errors,
    revision: result.revision,
    typed: answers as SectionAnswers,
  };
}

const PICK = /^(occupations|competences):(q\.[A-Za-z0-9.]{1,120})(?::(\d{4}))?$/;

export const sectionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mappings/:id/sections/:key',
    kind: 'page',
    access: listAccess,
    params: sectionParams,
    query: sectionQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const p = await prepare(ctx as AnyCtx, ctx.params.id, ctx.params.key);
      if (!p.view.canEdit)
        return ctx.redirect(
          `/mappings/${ctx.params.id}`,
          p.view.mapping.status === 'submitted' ? t('mapping.locked') : undefined,
        );
      if (!p.view.mapping.noticeAcceptedAt) return ctx.redirect(`/mappings/${ctx.params.id}/notice`);
      const { field, pick } = ctx.query;
      const picked = field && pick ? { field, value: pick } : null;
      return renderSection(ctx as AnyCtx, p, { picked });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/sections/:key',
    kind: 'page',
    access: listAccess,
    params: sectionParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { id, key } = ctx.params;
      const p = await prepare(ctx as AnyCtx, id, key);
      const body = (ctx.req.body ?? {}) as Body;
      let outcome: SaveOutcome;
      try {
        outcome = await saveFromBody(ctx as AnyCtx, p, body);
      } catch (err) {
        if (err instanceof AppError && err.message === 'mapping.noticeFirst')
          return ctx.redirect(`/mappings/${id}/notice`, t('mapping.noticeFirst'));
        if (err instanceof AppError && (err.message === 'mapping.locked' || err.code === 'FORBIDDEN'))
          return ctx.redirect(`/mappings/${id}`, appErrorText(t, err));
        throw err;
      }
      if (outcome.kind === 'conflict')
        return renderSection(ctx as AnyCtx, p, {
          typed: outcome.result.mine,
          conflict: outcome.result,
          status: 409,
        });
      const here = `/mappings/${id}/sections/${key}`;
      const pick = PICK.exec(first(body.pick));
      if (pick) {
        const back = `${here}?field=${pick[2]}`;
        const ssyk = pick[3] ? `&ssyk=${pick[3]}` : '';
        return ctx.redirect(`/reference/${pick[1]}?return=${encodeURIComponent(back)}${ssyk}`);
      }
      const sections = p.view.definition.sections;
      const go = first(body.go);
      const target =
        go === 'prev' && p.index > 0
          ? `/mappings/${id}/sections/${sections[p.index - 1]?.key}`
          : go === 'next' && p.index < sections.length - 1
            ? `/mappings/${id}/sections/${sections[p.index + 1]?.key}`
            : go === 'overview' || go === 'next' || go === 'prev'
              ? `/mappings/${id}`
              : here;
      const flash = outcome.errors.length
        ? t('mapping.section.savedWithProblems', {
            section: loc(p.section.title, ctx.locale),
            count: outcome.errors.length,
          })
        : t('mapping.section.saved');
      return ctx.redirect(target, flash);
    },
  }),
  // The autosave of public/mapping-autosave.js: the same form, answered in JSON (session cookie + CSRF).
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/sections/:key/autosave',
    kind: 'page',
    access: listAccess,
    params: sectionParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const reply = ctx.reply.type('application/json; charset=utf-8');
      try {
        const p = await prepare(ctx as AnyCtx, ctx.params.id, ctx.params.key);
        const outcome = await saveFromBody(ctx as AnyCtx, p, (ctx.req.body ?? {}) as Body);
        if (outcome.kind === 'conflict')
          return reply.code(409).send({
            status: 'conflict',
            revision: outcome.result.revision,
            updatedByName: outcome.result.updatedByName,
            updatedAt: outcome.result.updatedAt.toISOString(),
            message: t('mapping.autosave.conflict'),
          });
        return reply.code(200).send({
          status: 'saved',
          revision: outcome.revision,
          errors: outcome.errors.map((e) => ({
            field: e.field,
            message: t(e.message as MappingKey, e.params),
          })),
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return reply
          .code(err.status)
          .send({ status: 'error', code: err.code, message: appErrorText(t, err) });
      }
    },
  }),
];
