// Per-person competence ratings in a company-only space (DOMAIN.md, Pillar 1, "Current state").
//
// Policy, enforced here and in the queries:
// - only a company contact of THE mapping's company creates, reads and changes people and ratings;
// - an employee (a participant of the company linked through company_people.user_id) reads only their own
//   ratings and may comment on them, never change a level;
// - every public-sector role (region admin, officer, coach, ESF admin, provider) is refused, also through
//   the API: anything an authority can read about a named worker becomes a public record. Coaches see the
//   per-role totals of the mapping (meetingNow) only;
// - the space opens only when the mapping's answers record the MBL 11 § question as "negotiated" or "no
//   collective agreement" AND per-person ratings were chosen.
// Audit rows carry ids and counts only: never a name, an e-mail address, a level or a comment.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hasRole } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { conceptNames } from '../../reference/index.ts';
import type { RawRow, SectionAnswers } from '../answers/shape.ts';
import { allQuestions, type InstrumentDefinition, instrumentDefinition } from '../instrument/schema.ts';
import * as repoMappings from '../repo-mappings.ts';
import * as repo from '../repo-ratings.ts';
import { getMapping, type MappingView, saveSection } from './mappings.ts';

type Localised = { sv: string; en: string };

/** Who may open the company-only space at all: company contacts (record-level: of the mapping's company). */
export const canManagePersonRatings = (actor: Actor): boolean => hasRole(actor, 'company_contact');
/** Who may read own ratings: employees, i.e. participants of a company. */
export const canReadOwnRatings = (actor: Actor): boolean => hasRole(actor, 'participant');

const contactCompanies = (actor: Actor): string[] =>
  actor.memberships
    .filter((m) => m.role === 'company_contact' && m.companyId)
    .map((m) => m.companyId as string);
const employeeCompanies = (actor: Actor): string[] => [
  ...new Set(
    actor.memberships
      .filter((m) => m.role === 'participant' && m.companyId)
      .map((m) => m.companyId as string),
  ),
];

// ---------------------------------------------------------------- the MBL gate

export type GateState = 'open' | 'mblFirst' | 'notOptedIn';

/**
 * Whether per-person mode is open, from the mapping's draft answers: MBL 11 § recorded as negotiated or
 * as "no collective agreement" (which must not contradict a "yes" to the collective-agreement question),
 * and per-person ratings chosen.
 */
export function ratingsGate(answers: SectionAnswers): GateState {
  const mbl = answers.mblStatus;
  if (mbl !== 'negotiated' && mbl !== 'noCollectiveAgreement') return 'mblFirst';
  if (mbl === 'noCollectiveAgreement' && answers.collectiveAgreement === 'yes') return 'mblFirst';
  return answers.perPersonRatings === 'perPerson' ? 'open' : 'notOptedIn';
}

export const gateMessage = (state: Exclude<GateState, 'open'>): string =>
  state === 'mblFirst' ? 'mapping.ratings.mblFirst' : 'mapping.ratings.notOptedIn';

// ---------------------------------------------------------------- requirement rows of the mapping

/** A competence of a requirement row: `id:<concept>` or `text:<lower-case text>`. */
export function competenceKeyOf(row: { competenceId?: string | null; competenceText?: string | null }) {
  const id = (row.competenceId ?? '').trim();
  if (id) return `id:${id}`;
  const text = (row.competenceText ?? '').trim().toLowerCase();
  return text ? `text:${text.slice(0, 300)}` : null;
}

const whole = (v: string | undefined): number | null => (v && /^\d{1,6}$/.test(v.trim()) ? Number(v) : null);

interface ReqRow {
  roleKey: string;
  competenceKey: string;
  competenceId: string | null;
  competenceText: string | null;
  levelNow: number | null;
  meetingNow: number | null;
}

function rowsOf(def: InstrumentDefinition, answers: SectionAnswers, core: 'roles' | 'competences'): RawRow[] {
  const q = allQuestions(def).find((x) => x.core === core);
  const a = q ? answers[q.key] : undefined;
  return Array.isArray(a) ? (a as RawRow[]).filter((r) => r && typeof r === 'object') : [];
}

function requirementRows(def: InstrumentDefinition, answers: SectionAnswers): ReqRow[] {
  const out: ReqRow[] = [];
  const seen = new Set<string>();
  for (const r of rowsOf(def, answers, 'competences')) {
    const competenceKey = competenceKeyOf(r);
    if (!r.role || !competenceKey || seen.has(`${r.role}|${competenceKey}`)) continue;
    seen.add(`${r.role}|${competenceKey}`);
    out.push({
      roleKey: r.role,
      competenceKey,
      competenceId: r.competenceId?.trim() || null,
      competenceText: r.competenceId?.trim() ? null : r.competenceText?.trim() || null,
      levelNow: whole(r.levelNow),
      meetingNow: whole(r.meetingNow),
    });
  }
  return out;
}

// ---------------------------------------------------------------- the space (company contacts)

export interface Level {
  value: number;
  label: Localised;
  description: Localised | null;
}

export interface SpaceRequirement {
  competenceKey: string;
  name: string;
  levelNow: number | null;
  /** The per-role total in the mapping's answers (what coaches see). */
  meetingNow: number | null;
  /** From the per-person ratings: people of the role rated, and how many of them reach levelNow. */
  rated: number;
  meeting: number;
}

export interface SpaceComment {
  id: string;
  competenceKey: string;
  competenceName: string;
  comment: string;
  createdAt: Date;
}

export interface SpacePerson {
  id: string;
  name: string;
  email: string | null;
  linked: boolean;
  roleKey: string;
  roleTitle: string;
  /** Level per competence key. */
  ratings: Record<string, number>;
  comments: SpaceComment[];
}

export interface SpaceRole {
  key: string;
  title: string;
  requirements: SpaceRequirement[];
  people: SpacePerson[];
}

export interface PeopleSpace {
  mappingId: string;
  companyId: string;
  companyName: string;
  status: 'in_progress' | 'submitted';
  revision: number;
  levels: Level[];
  roles: SpaceRole[];
  /** People whose role is not (or no longer) one of this mapping's roles. */
  otherPeople: SpacePerson[];
}

interface Opened {
  view: MappingView;
  companyId: string;
}

/**
 * The mapping, if the actor is a company contact of its company and the space is open. Public-sector
 * roles get FORBIDDEN, another company's contact NOT_FOUND, a closed gate CONFLICT with the reason.
 */
async function openSpace(db: Db, actor: Actor, mappingId: string): Promise<Opened> {
  if (!canManagePersonRatings(actor)) throw new AppError('FORBIDDEN');
  const view = await getMapping(db, actor, mappingId);
  // getMapping's scope is the union over memberships: a staff role must not open the space.
  if (!contactCompanies(actor).includes(view.mapping.companyId)) throw new AppError('NOT_FOUND');
  const gate = ratingsGate(view.answers);
  if (gate !== 'open') throw new AppError('CONFLICT', gateMessage(gate));
  return { view, companyId: view.mapping.companyId };
}

const levelsOf = (def: InstrumentDefinition): Level[] =>
  def.levelScale.map((l) => ({ value: l.value, label: l.label, description: l.description ?? null }));

async function competenceNames(db: Db, rows: { competenceKey: string }[]): Promise<Map<string, string>> {
  const ids = rows.filter((r) => r.competenceKey.startsWith('id:')).map((r) => r.competenceKey.slice(3));
  const names = await conceptNames(db, 'competence', ids);
  return new Map(rows.map((r) => [r.competenceKey, nameOf(r.competenceKey, names)]));
}

function nameOf(key: string, names: Map<string, string>): string {
  if (key.startsWith('id:')) return names.get(key.slice(3)) ?? key.slice(3);
  return key.slice(5);
}

/** Free-text competences keep the text as typed (the key is lower-cased). */
function displayNames(reqs: ReqRow[], names: Map<string, string>): Map<string, string> {
  const out = new Map(names);
  for (const r of reqs) if (r.competenceText) out.set(r.competenceKey, r.competenceText);
  return out;
}

/** The company-only space of a mapping: people per role, their ratings, comments and the totals. */
export async function getPeopleSpace(db: Db, actor: Actor, mappingId: string): Promise<PeopleSpace> {
  const { view, companyId } = await openSpace(db, actor, mappingId);
  const def = view.definition;
  const reqs = requirementRows(def, view.answers);
  const [people, ratings, comments, names, totals] = await Promise.all([
    repo.listPeople(db, companyId),
    repo.listRatings(db, companyId, mappingId),
    repo.listComments(db, companyId, mappingId),
    competenceNames(db, reqs),
    repo.ratedTotals(
      db,
      companyId,
      mappingId,
      reqs.map((r) => ({ roleKey: r.roleKey, competenceKey: r.competenceKey, levelNow: r.levelNow ?? 0 })),
    ),
  ]);
  const shown = displayNames(reqs, names);
  const persons = people.map(
    (p): SpacePerson => ({
      id: p.id,
      name: p.name,
      email: p.email,
      linked: p.userId !== null,
      roleKey: p.roleKey,
      roleTitle: p.roleTitle,
      ratings: Object.fromEntries(
        ratings.filter((r) => r.personId === p.id).map((r) => [r.competenceKey, r.level]),
      ),
      comments: comments
        .filter((c) => c.personId === p.id)
        .map((c) => ({
          id: c.id,
          competenceKey: c.competenceKey,
          competenceName: shown.get(c.competenceKey) ?? nameOf(c.competenceKey, names),
          comment: c.comment,
          createdAt: c.createdAt,
        })),
    }),
  );
  const roleRows = rowsOf(def, view.answers, 'roles').filter((r) => r.key);
  const roles = roleRows.map(
    (r): SpaceRole => ({
      key: r.key as string,
      title: r.title || (r.key as string),
      requirements: reqs.flatMap((q, i) =>
        q.roleKey === r.key
          ? [
              {
                competenceKey: q.competenceKey,
                name: shown.get(q.competenceKey) ?? q.competenceKey,
                levelNow: q.levelNow,
                meetingNow: q.meetingNow,
                rated: totals[i]?.rated ?? 0,
                meeting: q.levelNow === null ? 0 : (totals[i]?.meeting ?? 0),
              },
            ]
          : [],
      ),
      people: persons.filter((p) => p.roleKey === r.key),
    }),
  );
  const roleKeys = new Set(roles.map((r) => r.key));
  return {
    mappingId,
    companyId,
    companyName: view.mapping.companyName,
    status: view.mapping.status,
    revision: view.mapping.revision,
    levels: levelsOf(def),
    roles,
    otherPeople: persons.filter((p) => !roleKeys.has(p.roleKey)),
  };
}

/** The gate of a mapping for a company contact (to explain a closed space); same access as the space. */
export async function spaceGate(db: Db, actor: Actor, mappingId: string): Promise<GateState> {
  if (!canManagePersonRatings(actor)) throw new AppError('FORBIDDEN');
  const view = await getMapping(db, actor, mappingId);
  if (!contactCompanies(actor).includes(view.mapping.companyId)) throw new AppError('NOT_FOUND');
  return ratingsGate(view.answers);
}

// ---------------------------------------------------------------- people

export interface PersonInput {
  name: string;
  email: string | null;
  roleKey: string;
}

/** Add a person under one of the mapping's roles; linked to an employee account with the same e-mail. */
export async function addPerson(
  db: Db,
  actor: Actor,
  mappingId: string,
  input: PersonInput,
  ip: string | null = null,
): Promise<string> {
  const { view, companyId } = await openSpace(db, actor, mappingId);
  const role = rowsOf(view.definition, view.answers, 'roles').find((r) => r.key === input.roleKey);
  if (!role)
    throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'roleKey', message: 'validation.choice' }]);
  const id = randomUUID();
  const userId = input.email ? await repo.participantByEmail(db, companyId, input.email) : null;
  await db.tx(async (tx) => {
    await repo.insertPerson(tx, {
      id,
      companyId,
      name: input.name,
      email: input.email,
      userId,
      roleKey: input.roleKey,
      roleTitle: (role.title || input.roleKey).slice(0, 300),
      createdBy: actor.userId,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'company_person.create',
      entityType: 'company_person',
      entityId: id,
      ip,
      details: { company: companyId, mapping: mappingId, linked: userId !== null },
    });
  });
  return id;
}

/** Remove a person and (by cascade) their ratings and comments. */
export async function removePerson(
  db: Db,
  actor: Actor,
  mappingId: string,
  personId: string,
  ip: string | null = null,
): Promise<void> {
  const { companyId } = await openSpace(db, actor, mappingId);
  await db.tx(async (tx) => {
    if (!(await repo.deletePerson(tx, companyId, personId))) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'company_person.delete',
      entityType: 'company_person',
      entityId: personId,
      ip,
      details: { company: companyId, mapping: mappingId },
    });
  });
}

// ---------------------------------------------------------------- ratings

export interface RatingInput {
  personId: string;
  competenceKey: string;
  /** null: not rated (removes a rating). */
  level: number | null;
}

/**
 * Set levels (one transaction). Each entry must be a person of the company and a competence the mapping
 * requires for the person's role, at a level of the instrument's scale: VALIDATION with fields
 * `ratings.<i>.level` / `ratings.<i>.competenceKey` otherwise (nothing is written). Returns rows changed.
 */
export async function saveRatings(
  db: Db,
  actor: Actor,
  mappingId: string,
  entries: RatingInput[],
  ip: string | null = null,
): Promise<number> {
  const { view, companyId } = await openSpace(db, actor, mappingId);
  const reqs = requirementRows(view.definition, view.answers);
  const scale = new Set(view.definition.levelScale.map((l) => l.value));
  const people = new Map((await repo.listPeople(db, companyId)).map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  const writes: repo.RatingWrite[] = [];
  entries.forEach((e, i) => {
    const person = people.get(e.personId);
    if (!person) throw new AppError('NOT_FOUND');
    const req = reqs.find((r) => r.roleKey === person.roleKey && r.competenceKey === e.competenceKey);
    if (!req) errors.push({ field: `ratings.${i}.competenceKey`, message: 'mapping.ratings.notRequired' });
    else if (e.level !== null && !scale.has(e.level))
      errors.push({ field: `ratings.${i}.level`, message: 'validation.choice' });
    else writes.push({ ...e, competenceId: req.competenceId, competenceText: req.competenceText });
  });
  if (errors.length) throw new AppError('VALIDATION', 'VALIDATION', errors);
  return db.tx(async (tx) => {
    const changed = await repo.writeRatings(tx, mappingId, actor.userId, writes);
    if (changed > 0)
      for (const personId of new Set(writes.map((w) => w.personId)))
        await audit(tx, {
          actorUserId: actor.userId,
          action: 'person_rating.update',
          entityType: 'company_person',
          entityId: personId,
          ip,
          details: { company: companyId, mapping: mappingId },
        });
    return changed;
  });
}

// ---------------------------------------------------------------- filling the per-role totals

export interface FillResult {
  /** Requirement rows whose total was set from the ratings (rows with no rated person are left as is). */
  rows: number;
  revision: number;
  errors: FieldError[];
}

/**
 * Set each requirement row's "people who reach the level now" (meetingNow) to the number of rated people
 * of the role at or above the row's required level, and save the section through the mapping's own
 * save (with the current revision). Rows where nobody of the role is rated keep their total.
 */
export async function fillTotalsFromRatings(
  db: Db,
  actor: Actor,
  mappingId: string,
  ip: string | null = null,
): Promise<FillResult> {
  const { view, companyId } = await openSpace(db, actor, mappingId);
  if (view.mapping.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
  const def = view.definition;
  const q = allQuestions(def).find((x) => x.core === 'competences');
  const section = def.sections.find((s) => s.questions.some((x) => x.key === q?.key));
  if (!q || !section) throw new AppError('CONFLICT', 'mapping.ratings.noRequirements');
  const raw = rowsOf(def, view.answers, 'competences');
  const targets = raw.map((r) => ({
    roleKey: r.role ?? '',
    competenceKey: competenceKeyOf(r) ?? '',
    levelNow: whole(r.levelNow) ?? -1,
  }));
  const totals = await repo.ratedTotals(db, companyId, mappingId, targets);
  let rows = 0;
  const filled = raw.map((r, i) => {
    const t = totals[i];
    if (!t || t.rated === 0 || (targets[i]?.levelNow ?? -1) < 0) return r;
    rows += 1;
    return { ...r, meetingNow: String(t.meeting) };
  });
  const sectionAnswers: Record<string, unknown> = {};
  for (const x of section.questions)
    if (view.answers[x.key] !== undefined) sectionAnswers[x.key] = view.answers[x.key];
  sectionAnswers[q.key] = filled;
  const result = await saveSection(db, actor, mappingId, section.key, {
    baseRevision: view.mapping.revision,
    answers: sectionAnswers,
  });
  if (result.kind === 'conflict') throw new AppError('CONFLICT', 'mapping.changedMeanwhile');
  await audit(db, {
    actorUserId: actor.userId,
    action: 'mapping.totals_from_ratings',
    entityType: 'mapping',
    entityId: mappingId,
    ip,
    details: { rows, revision: result.revision },
  });
  return { rows, revision: result.revision, errors: result.errors };
}

// ---------------------------------------------------------------- the employee's own ratings

export interface OwnRating {
  competenceKey: string;
  competenceName: string;
  level: number;
  levelLabel: Localised | null;
  levelDescription: Localised | null;
  ratedAt: Date;
  comments: { id: string; comment: string; createdAt: Date }[];
}

export interface OwnRatingGroup {
  personId: string;
  mappingId: string;
  companyName: string;
  roundName: Localised;
  roleTitle: string;
  levels: Level[];
  ratings: OwnRating[];
}

const definitions = new Map<string, InstrumentDefinition>();
async function definitionOf(db: Db, instrumentId: string): Promise<InstrumentDefinition> {
  const hit = definitions.get(instrumentId);
  if (hit) return hit;
  const def = instrumentDefinition.parse(await repoMappings.instrumentDefinitionOf(db, instrumentId));
  definitions.set(instrumentId, def);
  return def;
}

/**
 * The signed-in employee's own ratings, per mapping, with the level descriptions and their comments.
 * People the company recorded with the employee's e-mail are linked on the way (participants only).
 */
export async function myRatings(db: Db, actor: Actor, ip: string | null = null): Promise<OwnRatingGroup[]> {
  if (!canReadOwnRatings(actor)) throw new AppError('FORBIDDEN');
  const companies = employeeCompanies(actor);
  const linked = await repo.linkByEmail(db, actor.userId, actor.email, companies);
  if (linked > 0)
    await audit(db, {
      actorUserId: actor.userId,
      action: 'company_person.link',
      entityType: 'user',
      entityId: actor.userId,
      ip,
      details: { people: linked },
    });
  const [rows, comments] = await Promise.all([
    repo.ownRatings(db, actor.userId, companies),
    repo.ownComments(db, actor.userId, companies),
  ]);
  const ids = rows.filter((r) => r.competenceId).map((r) => r.competenceId as string);
  const names = await conceptNames(db, 'competence', ids);
  const groups = new Map<string, OwnRatingGroup>();
  for (const r of rows) {
    const key = `${r.personId}|${r.mappingId}`;
    let g = groups.get(key);
    if (!g) {
      const levels = levelsOf(await definitionOf(db, r.instrumentId));
      g = {
        personId: r.personId,
        mappingId: r.mappingId,
        companyName: r.companyName,
        roundName: { sv: r.roundNameSv, en: r.roundNameEn },
        roleTitle: r.roleTitle,
        levels,
        ratings: [],
      };
      groups.set(key, g);
    }
    const level = g.levels.find((l) => l.value === r.level);
    g.ratings.push({
      competenceKey: r.competenceKey,
      competenceName: r.competenceId
        ? (names.get(r.competenceId) ?? r.competenceId)
        : (r.competenceText ?? r.competenceKey.slice(5)),
      level: r.level,
      levelLabel: level?.label ?? null,
      levelDescription: level?.description ?? null,
      ratedAt: r.ratedAt,
      comments: comments
        .filter(
          (c) =>
            c.personId === r.personId && c.mappingId === r.mappingId && c.competenceKey === r.competenceKey,
        )
        .map((c) => ({ id: c.id, comment: c.comment, createdAt: c.createdAt })),
    });
  }
  return [...groups.values()];
}

export interface CommentInput {
  personId: string;
  mappingId: string;
  competenceKey: string;
  comment: string;
}

/** The employee comments on one of their own ratings (NOT_FOUND for anyone else's). */
export async function addComment(
  db: Db,
  actor: Actor,
  input: CommentInput,
  ip: string | null = null,
): Promise<string> {
  if (!canReadOwnRatings(actor)) throw new AppError('FORBIDDEN');
  const text = input.comment.trim();
  if (text.length === 0 || text.length > 2000)
    throw new AppError('VALIDATION', 'VALIDATION', [
      {
        field: 'comment',
        message: text.length === 0 ? 'validation.required' : 'validation.tooLong',
        params: { max: 2000 },
      },
    ]);
  if (!(await repo.isOwnRating(db, actor.userId, employeeCompanies(actor), input)))
    throw new AppError('NOT_FOUND');
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertComment(tx, { ...input, id, comment: text, authorUserId: actor.userId });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'person_rating.comment',
      entityType: 'company_person',
      entityId: input.personId,
      ip,
      details: { mapping: input.mappingId, comment: id },
    });
  });
  return id;
}
