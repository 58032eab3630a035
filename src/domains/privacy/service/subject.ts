// Data-subject requests: find a person, preview what exists, export it (JSON and a tagged PDF), erase or
// anonymise what no archiving or public-records rule keeps. Every export and erasure is audited and logged.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { type Controller, type KeepRule, type LegalBasis, subjects } from '../inventory.ts';
import * as repo from '../repo-subject.ts';
import { subjectRegions } from '../subject-policy.ts';

export type { PersonHit, SubjectRef, SubjectSource } from '../repo-subject.ts';
export { subjectSources } from '../repo-subject.ts';

interface Who {
  actor: Actor;
  ip: string;
}

const notFound = () => new AppError('NOT_FOUND');

/** Region administrators search their own region's people. */
export async function searchSubjects(db: Db, actor: Actor, q: string): Promise<repo.PersonHit[]> {
  return repo.searchPeople(db, subjectRegions(actor), q);
}

/** The person behind a reference, or 404 when unknown or outside the actor's regions. */
async function subjectInScope(db: Db, actor: Actor, ref: repo.SubjectRef): Promise<repo.Subject> {
  const s = await repo.resolveSubject(db, ref);
  const regions = subjectRegions(actor);
  if (!s?.regionIds.some((r) => regions.includes(r))) throw notFound();
  return s;
}

/** The signed-in user as a subject (self-service). */
async function self(db: Db, actor: Actor): Promise<repo.Subject> {
  const s = await repo.resolveSubject(db, { source: 'users', id: actor.userId });
  if (!s) throw notFound();
  return s;
}

export interface TableSummary {
  table: string;
  domain: string;
  rows: number;
  controller: Controller;
  basis: LegalBasis;
}

export interface SubjectPreview {
  ref: repo.SubjectRef;
  name: string;
  hasAccount: boolean;
  userId: string | null;
  tables: TableSummary[];
}

async function preview(db: Db, s: repo.Subject): Promise<SubjectPreview> {
  const counts = new Map((await repo.countRows(db, s)).map((c) => [c.table, c]));
  const tables = subjects
    .map((t) => ({
      table: t.table,
      domain: t.domain,
      rows: counts.get(t.table)?.rows ?? 0,
      controller: t.controller,
      basis: t.basis,
    }))
    .filter((t) => t.rows > 0);
  return {
    ref: { source: s.source, id: s.id },
    name: s.name,
    hasAccount: !!s.userId,
    userId: s.userId,
    tables,
  };
}

export async function previewSubject(db: Db, actor: Actor, ref: repo.SubjectRef): Promise<SubjectPreview> {
  return preview(db, await subjectInScope(db, actor, ref));
}

export async function previewOwn(db: Db, actor: Actor): Promise<SubjectPreview> {
  return preview(db, await self(db, actor));
}

export interface ExportTable {
  domain: string;
  purpose: string;
  legalBasis: LegalBasis;
  controller: Controller;
  retention: string;
  rows: Record<string, unknown>[];
}

export interface SubjectExport {
  generatedAt: string;
  subject: { source: string; id: string; userId: string | null; name: string };
  personnummer: string;
  tables: Record<string, ExportTable>;
}

async function collect(db: Db, s: repo.Subject): Promise<SubjectExport> {
  const tables: Record<string, ExportTable> = {};
  for (const t of subjects) {
    const rows = await repo.rowsOf(db, t, s);
    if (rows.length === 0) continue;
    tables[t.table] = {
      domain: t.domain,
      purpose: t.purpose,
      legalBasis: t.basis,
      controller: t.controller,
      retention: t.retention,
      rows,
    };
  }
  return {
    generatedAt: new Date().toISOString(),
    subject: { source: s.source, id: s.id, userId: s.userId, name: s.name },
    personnummer: 'masked; the full number is given by the ESF administrator on request',
    tables,
  };
}

async function record(
  db: Db,
  who: Who,
  s: repo.Subject,
  e: SubjectExport,
  format: 'json' | 'pdf',
  channel: 'admin' | 'self',
): Promise<void> {
  const outcome = Object.fromEntries(
    Object.entries(e.tables).map(([table, v]) => [table, { action: 'export', rows: v.rows.length }]),
  );
  const regions = channel === 'admin' ? subjectRegions(who.actor) : [];
  const regionId = s.regionIds.find((r) => regions.includes(r)) ?? s.regionIds[0] ?? null;
  await db.tx(async (tx) => {
    const id = await repo.insertRequest(tx, {
      regionId,
      kind: 'export',
      channel,
      subject: s,
      format,
      reason: '',
      outcome,
      handledBy: who.actor.userId,
    });
    await audit(tx, {
      actorUserId: who.actor.userId,
      action: 'privacy.export',
      entityType: 'data_subject_request',
      entityId: id,
      organisationId: regionId,
      ip: who.ip,
      details: { format, channel, source: s.source, tables: Object.keys(outcome).length },
    });
  });
}

/** Everything about a person, for a region administrator; audited and logged. */
export async function exportSubject(
  db: Db,
  who: Who,
  ref: repo.SubjectRef,
  format: 'json' | 'pdf',
): Promise<SubjectExport> {
  const s = await subjectInScope(db, who.actor, ref);
  const e = await collect(db, s);
  await record(db, who, s, e, format, 'admin');
  return e;
}

/** Everything about the signed-in user, for themselves; audited and logged. */
export async function exportOwn(db: Db, who: Who, format: 'json' | 'pdf'): Promise<SubjectExport> {
  const s = await self(db, who.actor);
  const e = await collect(db, s);
  await record(db, who, s, e, format, 'self');
  return e;
}

export interface ErasureLine {
  table: string;
  rows: number;
  action: 'delete' | 'anonymise' | 'keep';
  /** Why rows are kept (a keep action, or the rows an erasure leaves). */
  rule: KeepRule | null;
  kept: number;
}

export interface ErasurePreview {
  userId: string;
  name: string;
  email: string;
  lines: ErasureLine[];
  /** The latest end of retention of the person's ESF programmes (yyyy-mm-dd), when known. */
  esfKeptUntil: string | null;
  esfRetentionYears: number | null;
}

async function userSubject(db: Db, actor: Actor, userId: string): Promise<repo.Subject> {
  const s = await subjectInScope(db, actor, { source: 'users', id: userId });
  return s;
}

async function esfRetention(
  db: Db,
  s: repo.Subject,
): Promise<{ until: string | null; years: number | null }> {
  const [row] = await db.query<{ until: string | null; years: number | null }>(
    `SELECT to_char(max(p.ends_on + make_interval(years => r.retention_years)), 'YYYY-MM-DD') AS until,
            max(r.retention_years)::int AS years
       FROM esf_participants x JOIN programmes p ON p.id = x.programme_id
       JOIN esf_programme_rules r ON r.programme_id = p.id
      WHERE x.user_id = $1::uuid OR lower(x.email) = ANY($2::text[])`,
    [s.userId, s.emails],
  );
  return { until: row?.until ?? null, years: row?.years ?? null };
}

export async function erasurePreview(db: Db, actor: Actor, userId: string): Promise<ErasurePreview> {
  const s = await userSubject(db, actor, userId);
  const counts = new Map((await repo.countRows(db, s)).map((c) => [c.table, c]));
  const lines: ErasureLine[] = [];
  for (const t of subjects) {
    const c = counts.get(t.table);
    if (!c || c.rows === 0) continue;
    const e = t.erasure;
    const changed = e.action === 'keep' ? 0 : c.erasable;
    lines.push({
      table: t.table,
      rows: c.rows,
      action: e.action,
      rule: e.action === 'keep' ? e.rule : c.rows > changed ? 'pseudonymous' : null,
      kept: c.rows - changed,
    });
  }
  const esf = await esfRetention(db, s);
  return {
    userId,
    name: s.name,
    email: s.email ?? '',
    lines,
    esfKeptUntil: esf.until,
    esfRetentionYears: esf.years,
  };
}

export interface ErasureInput {
  confirmEmail: string;
  reason: string;
}

/** Erase and anonymise in one transaction; the request is logged with counts only and audited. */
export async function eraseSubject(
  db: Db,
  who: Who,
  userId: string,
  input: ErasureInput,
): Promise<{ requestId: string; rows: number }> {
  const s = await userSubject(db, who.actor, userId);
  if (userId === who.actor.userId)
    throw validation([{ field: 'confirmEmail', message: 'privacy.erase.self' }]);
  if (input.confirmEmail.trim().toLowerCase() !== (s.email ?? '').toLowerCase())
    throw validation([{ field: 'confirmEmail', message: 'privacy.erase.emailMismatch' }]);
  const regionId = s.regionIds.find((r) => subjectRegions(who.actor).includes(r)) ?? null;
  return db.tx(async (tx) => {
    const outcome = await repo.eraseRows(tx, s);
    const byTable = Object.fromEntries(outcome.map((o) => [o.table, { action: o.action, rows: o.rows }]));
    const requestId = await repo.insertRequest(tx, {
      regionId,
      kind: 'erasure',
      channel: 'admin',
      subject: s,
      format: null,
      reason: input.reason,
      outcome: byTable,
      handledBy: who.actor.userId,
    });
    const sum = (a: string) => outcome.filter((o) => o.action === a).reduce((n, o) => n + o.rows, 0);
    await audit(tx, {
      actorUserId: who.actor.userId,
      action: 'privacy.erase',
      entityType: 'data_subject_request',
      entityId: requestId,
      organisationId: regionId,
      ip: who.ip,
      details: { deleted: sum('delete'), anonymised: sum('anonymise'), kept: sum('keep') },
    });
    return { requestId, rows: sum('delete') + sum('anonymise') };
  });
}

export async function listSubjectRequests(db: Db, actor: Actor): Promise<repo.RequestRow[]> {
  return repo.listRequests(db, subjectRegions(actor));
}
