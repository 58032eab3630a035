// Use cases of doing a mapping: start (interview) or invite (self-service), the visibility notice and
// business-sensitive marks, saving a section as you go with conflict detection, submitting, reopening.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hasRole } from '../../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import {
  companyListQuery,
  companyReadScope,
  getCompany,
  inviteContact,
  isEmptyScope,
  listCompanies,
} from '../../companies/index.ts';
import { conceptNames } from '../../reference/index.ts';
import { maturityScore } from '../answers/scoring.ts';
import { normaliseSection, type SectionAnswers } from '../answers/shape.ts';
import {
  type KnownCodes,
  mentionedCodes,
  type NeedRow,
  type RecruitmentRow,
  type RequirementRow,
  type RoleRow,
} from '../answers/typed.ts';
import { validateAnswers } from '../answers/validate.ts';
import {
  allQuestions,
  type CoreKey,
  type InstrumentDefinition,
  instrumentDefinition,
} from '../instrument/schema.ts';
import { COMMON_METHOD_KEY } from '../instrument/v1.ts';
import * as repo from '../repo-mappings.ts';

export type { MappingListRow, MappingMode, MappingRow, MappingStatus, RoundRow } from '../repo-mappings.ts';

/** Staff who may start mappings and interview; company contacts edit their own company's mappings. */
export const canStartMappings = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach');
export const canListMappings = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach', 'esf_admin', 'company_contact');
export const canReopenMappings = (actor: Actor): boolean => hasRole(actor, 'region_admin');

function scopeOf(actor: Actor) {
  const scope = companyReadScope(actor);
  if (isEmptyScope(scope)) throw new AppError('FORBIDDEN');
  return scope;
}

/** Everyone who can read a company's mapping may edit it, except ESF administrators (read only). */
function editScopeOf(actor: Actor) {
  const scope = companyReadScope(actor);
  const adminRegions = actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId);
  return { ...scope, regionIds: [...new Set(adminRegions)] };
}

// ---------------------------------------------------------------- rounds

export async function listRounds(db: Db, actor: Actor): Promise<repo.RoundRow[]> {
  return repo.listRounds(db, [...new Set(actor.memberships.map((m) => m.regionId))]);
}

export interface RoundInput {
  key: string;
  nameSv: string;
  nameEn: string;
  opensOn: string | null;
  closesOn: string | null;
}

export async function createRound(
  db: Db,
  actor: Actor,
  input: RoundInput,
  ip: string | null = null,
): Promise<string> {
  const admin = actor.memberships.find((m) => m.role === 'region_admin');
  if (!admin) throw new AppError('FORBIDDEN');
  const existing = await repo.listRounds(db, [admin.regionId]);
  const id = randomUUID();
  try {
    await db.tx(async (tx) => {
      await repo.insertRound(tx, { id, regionId: admin.regionId, position: existing.length, ...input });
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'mapping_round.create',
        entityType: 'mapping_round',
        entityId: id,
        organisationId: admin.regionId,
        ip,
        details: { key: input.key },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'key', message: 'mapping.round.keyTaken' }]);
    throw err;
  }
  return id;
}

// ---------------------------------------------------------------- starting

export interface StartInput {
  companyId: string;
  roundId: string;
}

async function startIn(
  db: Db,
  actor: Actor,
  input: StartInput,
  mode: repo.MappingMode,
  ip: string | null,
): Promise<{ id: string; created: boolean; regionId: string }> {
  const detail = await getCompany(db, actor, input.companyId);
  const round = await repo.findRound(db, input.roundId);
  if (!round || round.regionId !== detail.company.regionId)
    throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'roundId', message: 'mapping.round.unknown' }]);
  const existing = await repo.findByCompanyRound(db, input.companyId, input.roundId);
  if (existing) return { id: existing, created: false, regionId: round.regionId };
  const instrumentId = await repo.currentInstrumentId(db, COMMON_METHOD_KEY, round.regionId);
  if (!instrumentId) throw new AppError('CONFLICT', 'mapping.noInstrument');
  const id = randomUUID();
  try {
    await db.tx(async (tx) => {
      await repo.insertMapping(tx, {
        id,
        companyId: input.companyId,
        roundId: input.roundId,
        instrumentId,
        regionId: round.regionId,
        mode,
        startedBy: actor.userId,
      });
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'mapping.start',
        entityType: 'mapping',
        entityId: id,
        organisationId: detail.company.ownerOrgId,
        ip,
        details: { company: input.companyId, round: round.key, mode, instrument: instrumentId },
      });
    });
  } catch (err) {
    // One mapping per company and round: a concurrent start gives the one that won.
    if (!isUniqueViolation(err)) throw err;
    const raced = await repo.findByCompanyRound(db, input.companyId, input.roundId);
    if (!raced) throw err;
    return { id: raced, created: false, regionId: round.regionId };
  }
  return { id, created: true, regionId: round.regionId };
}

/**
 * Start (or find) the company's mapping of a round, to be filled in at an interview. Officers of a
 * workplace municipality, the company's coaches and region admins.
 */
export async function startMapping(
  db: Db,
  actor: Actor,
  input: StartInput,
  ip: string | null = null,
): Promise<{ id: string; created: boolean }> {
  if (!canStartMappings(actor)) throw new AppError('FORBIDDEN');
  const { id, created } = await startIn(db, actor, input, 'interview', ip);
  return { id, created };
}

/**
 * Invite a company contact to fill in the mapping themselves: the mapping is started in self-service mode,
 * the contact becomes a user through the accounts invitation (if not one already) and gets an e-mail with
 * the link to the mapping.
 */
export async function inviteToMapping(
  deps: AppDeps,
  ctx: { actor: Actor; ip: string },
  input: StartInput & { contactId: string },
): Promise<{ id: string; email: string }> {
  if (!canStartMappings(ctx.actor)) throw new AppError('FORBIDDEN');
  const detail = await getCompany(deps.db, ctx.actor, input.companyId);
  const contact = detail.contacts.find((c) => c.id === input.contactId);
  if (!contact)
    throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'contactId', message: 'validation.choice' }]);
  if (!contact.email)
    throw new AppError('VALIDATION', 'VALIDATION', [
      { field: 'contactId', message: 'mapping.invite.noEmail' },
    ]);
  const { id, regionId } = await startIn(deps.db, ctx.actor, input, 'self_service', ctx.ip);
  await inviteContact(deps, ctx, input.companyId, input.contactId);
  const link = `${deps.baseUrl}/mappings/${id}`;
  await deps.mailer.send(deps.db, {
    to: contact.email,
    regionId,
    subject: `Kartläggning av kompetensbehov: ${detail.company.name} / Mapping of competence needs`,
    text: [
      `Hej ${contact.name},`,
      '',
      `${ctx.actor.name} bjuder in ${detail.company.name} att kartlägga företagets kompetensbehov i Kompetensnavet.`,
      'Innan första frågan ser ni vem som kan läsa vilka svar, och ni kan markera svar som affärskänsliga.',
      'Svaren sparas medan ni fyller i, så ni kan göra det i flera omgångar.',
      '',
      link,
      '',
      '---',
      '',
      `${ctx.actor.name} invites ${detail.company.name} to map the company's competence needs in Kompetensnavet.`,
      'Before the first question you will see who can read which answers, and you can mark answers as business-sensitive.',
      'Answers are saved as you go, so you can fill it in over several sittings.',
      '',
      link,
    ].join('\n'),
  });
  await audit(deps.db, {
    actorUserId: ctx.actor.userId,
    action: 'mapping.invite',
    entityType: 'mapping',
    entityId: id,
    organisationId: detail.company.ownerOrgId,
    ip: ctx.ip,
    details: { contact: input.contactId },
  });
  return { id, email: contact.email };
}

// ---------------------------------------------------------------- reading

export interface SectionState {
  revision: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface MappingView {
  mapping: repo.MappingRow;
  round: repo.RoundRow;
  definition: InstrumentDefinition;
  /** All sections' draft answers merged (question keys are unique within an instrument). */
  answers: SectionAnswers;
  sections: Record<string, SectionState>;
  canEdit: boolean;
  canReopen: boolean;
}

const definitionCache = new Map<string, InstrumentDefinition>();

/** A published instrument's definition (immutable, so cached by id). */
async function definitionOf(db: Db, instrumentId: string): Promise<InstrumentDefinition> {
  const hit = definitionCache.get(instrumentId);
  if (hit) return hit;
  const def = instrumentDefinition.parse(await repo.instrumentDefinitionOf(db, instrumentId));
  definitionCache.set(instrumentId, def);
  return def;
}

export async function getMapping(db: Db, actor: Actor, id: string): Promise<MappingView> {
  const found = await repo.findMappingForView(db, scopeOf(actor), editScopeOf(actor), id);
  if (!found) throw new AppError('NOT_FOUND');
  const { editable, round, sections, ...mapping } = found;
  const definition = await definitionOf(db, mapping.instrumentId);
  if (!round) throw new AppError('NOT_FOUND');
  const answers: SectionAnswers = {};
  const state: Record<string, SectionState> = {};
  for (const s of sections) {
    Object.assign(answers, s.answers);
    state[s.sectionKey] = { revision: s.revision, updatedAt: s.updatedAt, updatedByName: s.updatedByName };
  }
  return {
    mapping,
    round,
    definition,
    answers,
    sections: state,
    canEdit: editable && mapping.status === 'in_progress',
    canReopen: canReopenMappings(actor) && mapping.status === 'submitted' && editable,
  };
}

export async function listMappings(db: Db, actor: Actor, query: repo.MappingListQuery) {
  if (!canListMappings(actor)) throw new AppError('FORBIDDEN');
  return repo.listMappings(db, scopeOf(actor), query);
}

/** Pre-filled answers from the company record, for questions not answered yet. */
export async function prefillFor(db: Db, actor: Actor, view: MappingView): Promise<SectionAnswers> {
  const { company, workplaces } = await getCompany(db, actor, view.mapping.companyId);
  const source: Record<string, string> = {
    'company.orgNumber': company.orgNumber,
    'company.name': company.name,
    'company.sniCode': company.sniCode ?? '',
    'company.sizeClass':
      { '0': 'size0', '1-9': 'size1to9', '10-49': 'size10to49', '50-249': 'size50to249' }[
        company.sizeClass
      ] ?? '',
    'company.employeesWomen': String(company.employeesWomen),
    'company.employeesMen': String(company.employeesMen),
    'company.workplaces': String(workplaces.length),
  };
  const out: SectionAnswers = {};
  for (const q of allQuestions(view.definition))
    if (q.prefill && view.answers[q.key] === undefined && source[q.prefill])
      out[q.key] = source[q.prefill] as string;
  return out;
}

// ---------------------------------------------------------------- the notice and sensitive marks

function checkSensitiveKeys(def: InstrumentDefinition, keys: string[]): string[] {
  const known = new Set(allQuestions(def).map((q) => q.key));
  return [...new Set(keys)].filter((k) => known.has(k));
}

/** The company has seen who can read which answers; records the answers it marks business-sensitive. */
export async function acceptNotice(
  db: Db,
  actor: Actor,
  id: string,
  sensitive: string[],
  ip: string | null = null,
): Promise<void> {
  const view = await getMapping(db, actor, id);
  if (!view.canEdit)
    throw new AppError(view.mapping.status === 'submitted' ? 'CONFLICT' : 'FORBIDDEN', 'mapping.locked');
  const keys = checkSensitiveKeys(view.definition, sensitive);
  await db.tx(async (tx) => {
    await repo.acceptNotice(tx, id, actor.userId, keys);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.notice_accepted',
      entityType: 'mapping',
      entityId: id,
      ip,
      details: { sensitive: keys },
    });
  });
}

/** Change which answers are marked business-sensitive (a request for a secrecy review). Audited. */
export async function markSensitive(
  db: Db,
  actor: Actor,
  id: string,
  sensitive: string[],
  ip: string | null = null,
): Promise<string[]> {
  const view = await getMapping(db, actor, id);
  if (!view.canEdit)
    throw new AppError(view.mapping.status === 'submitted' ? 'CONFLICT' : 'FORBIDDEN', 'mapping.locked');
  const keys = checkSensitiveKeys(view.definition, sensitive);
  await db.tx(async (tx) => {
    await repo.setSensitive(tx, id, keys);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.sensitive',
      entityType: 'mapping',
      entityId: id,
      ip,
      details: { sensitive: keys },
    });
  });
  return keys;
}

// ---------------------------------------------------------------- saving as you go

async function knownCodes(db: Db, def: InstrumentDefinition, answers: SectionAnswers): Promise<KnownCodes> {
  const m = mentionedCodes(def, answers);
  const [ssyk, competence, sunLevel, sunField] = await Promise.all([
    conceptNames(db, 'ssyk', m.ssyk),
    conceptNames(db, 'competence', m.competence),
    conceptNames(db, 'sunLevel', m.sunLevel),
    conceptNames(db, 'sunField', m.sunField),
  ]);
  return {
    ssyk: new Set(ssyk.keys()),
    competence: new Set(competence.keys()),
    sunLevel: new Set(sunLevel.keys()),
    sunField: new Set(sunField.keys()),
  };
}

export type SaveResult =
  | { kind: 'saved'; revision: number; changed: boolean; errors: FieldError[] }
  | {
      kind: 'conflict';
      revision: number;
      /** What is stored now (someone else's save after the one this edit started from). */
      theirs: SectionAnswers;
      /** What this save sent, normalised: nothing of it is lost, it is shown for the user to keep. */
      mine: SectionAnswers;
      updatedByName: string | null;
      updatedAt: Date;
    };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Save one section's answers as entered (also what does not validate yet), returning the section's
 * validation errors. `baseRevision` is the mapping revision the edit started from: when someone else has
 * since saved different answers to the same section, nothing is overwritten and both versions come back.
 * Saves of other sections, or of identical answers, merge without a conflict.
 */
export async function saveSection(
  db: Db,
  actor: Actor,
  id: string,
  sectionKey: string,
  input: { baseRevision: number; answers: unknown; force?: boolean },
): Promise<SaveResult> {
  const scope = editScopeOf(actor);
  const view = await getMapping(db, actor, id);
  const section = view.definition.sections.find((s) => s.key === sectionKey);
  if (!section) throw new AppError('NOT_FOUND');
  if (view.mapping.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  if (!view.mapping.noticeAcceptedAt) throw new AppError('CONFLICT', 'mapping.noticeFirst');
  const mine = normaliseSection(section, input.answers);

  const result = await db.tx(async (tx): Promise<SaveResult> => {
    const locked = await repo.findMapping(tx, scope, id, true);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
    const current = (await repo.listSections(tx, id)).find((s) => s.sectionKey === sectionKey);
    const theirs = current?.answers ?? {};
    if (same(theirs, mine)) return { kind: 'saved', revision: locked.revision, changed: false, errors: [] };
    if (current && current.revision > input.baseRevision && !input.force)
      return {
        kind: 'conflict',
        revision: locked.revision,
        theirs,
        mine,
        updatedByName: current.updatedByName,
        updatedAt: current.updatedAt,
      };
    const revision = await repo.bumpRevision(tx, id, actor.userId);
    await repo.upsertSection(tx, id, sectionKey, mine, revision, actor.userId);
    return { kind: 'saved', revision, changed: true, errors: [] };
  });
  if (result.kind === 'conflict') return result;
  const merged = { ...(await prefillFor(db, actor, view)), ...view.answers, ...mine };
  const { errors } = validateAnswers(view.definition, merged, await knownCodes(db, view.definition, merged), [
    sectionKey,
  ]);
  return { ...result, errors };
}

// ---------------------------------------------------------------- submitting and reopening

/** The section of each field error, for linking to the page where it can be fixed. */
export function sectionOfField(def: InstrumentDefinition, field: string): string | null {
  const key = field.split('.')[1];
  return def.sections.find((s) => s.questions.some((q) => q.key === key))?.key ?? null;
}

function coreAnswer<T>(
  def: InstrumentDefinition,
  typed: Record<string, unknown>,
  core: CoreKey,
): T | undefined {
  const q = allQuestions(def).find((x) => x.core === core);
  return q ? (typed[q.key] as T | undefined) : undefined;
}

/**
 * Validate every section and lock the mapping: VALIDATION (fields `q.<question>…`) lists every problem;
 * otherwise the structured results are written for results pages and the county roll-up.
 */
export async function submitMapping(
  db: Db,
  actor: Actor,
  id: string,
  ip: string | null = null,
): Promise<void> {
  const view = await getMapping(db, actor, id);
  if (view.mapping.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  if (!view.mapping.noticeAcceptedAt) throw new AppError('CONFLICT', 'mapping.noticeFirst');
  const answers = { ...(await prefillFor(db, actor, view)), ...view.answers };
  const { errors, typed } = validateAnswers(
    view.definition,
    answers,
    await knownCodes(db, view.definition, answers),
  );
  if (errors.length) throw new AppError('VALIDATION', 'VALIDATION', errors);
  const { company, workplaces } = await getCompany(db, actor, view.mapping.companyId);
  const sniQuestion = allQuestions(view.definition).find((q) => q.prefill === 'company.sniCode');
  const answeredSni = sniQuestion ? typed[sniQuestion.key] : undefined;
  const sniCandidate = typeof answeredSni === 'string' ? answeredSni : company.sniCode;
  const sniKnown = sniCandidate ? (await conceptNames(db, 'sni', [sniCandidate])).has(sniCandidate) : false;
  const maturity = coreAnswer<Record<string, number>>(view.definition, typed, 'maturity') ?? {};
  await db.tx(async (tx) => {
    const locked = await repo.findMapping(tx, editScopeOf(actor), id, true);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
    if (locked.revision !== view.mapping.revision) throw new AppError('CONFLICT', 'mapping.changedMeanwhile');
    await repo.writeSubmission(tx, {
      mappingId: id,
      companyId: company.id,
      roundId: view.mapping.roundId,
      regionId: view.mapping.regionId,
      municipalityCode: workplaces[0]?.municipalityCode ?? null,
      sniCode: sniKnown ? sniCandidate : null,
      maturityScore: maturityScore(maturity),
      userId: actor.userId,
      roles: coreAnswer<RoleRow[]>(view.definition, typed, 'roles') ?? [],
      requirements: coreAnswer<RequirementRow[]>(view.definition, typed, 'competences') ?? [],
      needs: coreAnswer<NeedRow[]>(view.definition, typed, 'needs') ?? [],
      recruitments: coreAnswer<RecruitmentRow[]>(view.definition, typed, 'recruitment') ?? [],
      maturity,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.submit',
      entityType: 'mapping',
      entityId: id,
      organisationId: company.ownerOrgId,
      ip,
      details: { revision: locked.revision + 1 },
    });
  });
}

/** Region admins reopen a submitted mapping for changes; the reason is audited. */
export async function reopenMapping(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  ip: string | null = null,
): Promise<void> {
  if (!canReopenMappings(actor)) throw new AppError('FORBIDDEN');
  const view = await getMapping(db, actor, id);
  if (!view.canReopen)
    throw new AppError(
      view.mapping.status === 'submitted' ? 'FORBIDDEN' : 'CONFLICT',
      'mapping.notSubmitted',
    );
  const why = reason.trim();
  if (why.length < 3 || why.length > 1000)
    throw new AppError('VALIDATION', 'VALIDATION', [
      {
        field: 'reason',
        message: why.length < 3 ? 'validation.required' : 'validation.tooLong',
        params: { max: 1000 },
      },
    ]);
  await db.tx(async (tx) => {
    await repo.reopen(tx, id, actor.userId);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.reopen',
      entityType: 'mapping',
      entityId: id,
      ip,
      details: { reason: why },
    });
  });
}

export interface SectionConflict {
  section: string;
  theirs: SectionAnswers;
  mine: SectionAnswers;
  updatedByName: string | null;
  updatedAt: Date;
}

/**
 * Save several sections at once (the API's whole-mapping save, imports, the demo): one revision for all
 * changed sections. Sections changed by someone else since `baseRevision` are not written and come back
 * as conflicts (unless `force`); the others are saved. Errors are those of the given sections.
 */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  id: string,
  input: { baseRevision: number; sections: Record<string, unknown>; force?: boolean },
): Promise<{ revision: number; errors: FieldError[]; conflicts: SectionConflict[] }> {
  const view = await getMapping(db, actor, id);
  if (view.mapping.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  if (!view.mapping.noticeAcceptedAt) throw new AppError('CONFLICT', 'mapping.noticeFirst');
  const given = Object.entries(input.sections).map(([key, answers]) => {
    const section = view.definition.sections.find((s) => s.key === key);
    if (!section)
      throw new AppError('VALIDATION', 'VALIDATION', [
        { field: `sections.${key}`, message: 'validation.invalid' },
      ]);
    return { key, mine: normaliseSection(section, answers) };
  });
  const scope = editScopeOf(actor);
  const { revision, conflicts, written } = await db.tx(async (tx) => {
    const locked = await repo.findMapping(tx, scope, id, true);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
    const current = new Map((await repo.listSections(tx, id)).map((s) => [s.sectionKey, s]));
    const conflicts: SectionConflict[] = [];
    const changed: typeof given = [];
    for (const g of given) {
      const cur = current.get(g.key);
      if (same(cur?.answers ?? {}, g.mine)) continue;
      if (cur && cur.revision > input.baseRevision && !input.force)
        conflicts.push({
          section: g.key,
          theirs: cur.answers,
          mine: g.mine,
          updatedByName: cur.updatedByName,
          updatedAt: cur.updatedAt,
        });
      else changed.push(g);
    }
    if (changed.length === 0) return { revision: locked.revision, conflicts, written: changed };
    const revision = await repo.bumpRevision(tx, id, actor.userId);
    for (const g of changed) await repo.upsertSection(tx, id, g.key, g.mine, revision, actor.userId);
    return { revision, conflicts, written: changed };
  });
  const merged: SectionAnswers = { ...(await prefillFor(db, actor, view)), ...view.answers };
  for (const g of written) Object.assign(merged, g.mine);
  const keys = given.map((g) => g.key);
  const { errors } = validateAnswers(
    view.definition,
    merged,
    await knownCodes(db, view.definition, merged),
    keys,
  );
  return { revision, errors, conflicts };
}

// ---------------------------------------------------------------- for the pages (issue 3 HTTP layer)

/**
 * Every problem of the answers so far, exactly as submitting would report them (fields `q.<question>…`):
 * for the overview's progress and the section pages' error messages.
 */
export async function mappingProblems(db: Db, actor: Actor, view: MappingView): Promise<FieldError[]> {
  const answers = { ...(await prefillFor(db, actor, view)), ...view.answers };
  return validateAnswers(view.definition, answers, await knownCodes(db, view.definition, answers)).errors;
}

/** Companies in the actor's scope to start a mapping for, found by name (the companies list's search). */
export async function companyChoices(
  db: Db,
  actor: Actor,
  q: string,
): Promise<{ id: string; name: string }[]> {
  if (!canStartMappings(actor)) throw new AppError('FORBIDDEN');
  const { rows } = await listCompanies(db, actor, companyListQuery.parse({ q, pageSize: 50 }));
  return rows.map((c) => ({ id: c.id, name: c.name }));
}

/**
 * Rebuild the pre-aggregated roll-up cells of a round from the submitted needs: for bulk loads that write
 * the result tables directly (synthetic data), and as a repair. No actor: for commands, not requests.
 */
export async function rebuildRollupCells(db: Db, roundId: string): Promise<void> {
  await db.tx((tx) => repo.refreshRollupCells(tx, roundId));
}
