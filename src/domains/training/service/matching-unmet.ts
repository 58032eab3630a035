// Unmet training demand: mapped needs (each company's latest submitted mapping) whose competence no
// approved course with an open upcoming occasion teaches, aggregated by competence × municipality with
// companies, people (women/men) and urgency, under the SAME disclosure control as the mapping roll-up
// (the insights domain's suppressTable with the region's rules: primary suppression on few companies,
// few people or dominance, then complementary suppression over the competence totals).
// Region admins see every number (flagged where others would see none); municipality officers see their
// municipalities suppressed; providers see only the snapshot a region admin published, all of them the
// same latest one at the same time.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hasRole } from '../../../platform/auth.ts';
import { csvLine, neutralise } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  type Contribution,
  cellKey,
  type DisclosureRules,
  disclosureRulesFor,
  isSuppressed,
  leaf,
  suppressTable,
  TOTAL,
} from '../../insights/index.ts';
import * as repo from '../repo-matching.ts';
import { URGENCY_WEIGHT } from './matching-rank.ts';

export const canViewUnmet = (actor: Actor): boolean => hasRole(actor, 'region_admin', 'municipality_officer');
export const canPublishUnmet = (actor: Actor): boolean => hasRole(actor, 'region_admin');
/** Providers (and staff) read the published snapshot. */
export const canReadPublishedUnmet = (actor: Actor): boolean =>
  hasRole(actor, 'provider', 'region_admin', 'municipality_officer');

/** 'shown'; 'suppressed' (numbers withheld); 'wouldSuppress' (region admin only: others see none). */
export type UnmetFlag = 'shown' | 'suppressed' | 'wouldSuppress';

export interface UnmetCell {
  competenceId: string;
  competenceName: string;
  /** null: all municipalities (the competence's total). */
  municipalityCode: string | null;
  municipalityName: string | null;
  flag: UnmetFlag;
  companies: number | null;
  people: number | null;
  women: number | null;
  men: number | null;
  /** People whose need is now or within six months. */
  urgentPeople: number | null;
  mostUrgent: repo.Urgency | null;
}

export interface UnmetView {
  regionId: string;
  audience: 'admin' | 'officer';
  rules: DisclosureRules;
  cells: UnmetCell[];
}

interface Acc {
  companies: Set<string>;
  women: number;
  men: number;
  urgent: number;
  mostUrgent: repo.Urgency;
}

function scopeOf(actor: Actor): { regionId: string; audience: 'admin' | 'officer'; munis: string[] | null } {
  const admin = actor.memberships.find((m) => m.role === 'region_admin');
  if (admin) return { regionId: admin.regionId, audience: 'admin', munis: null };
  const officers = actor.memberships.filter((m) => m.role === 'municipality_officer' && m.municipalityCode);
  const first = officers[0];
  if (!first) throw new AppError('FORBIDDEN');
  return {
    regionId: first.regionId,
    audience: 'officer',
    munis: officers.map((m) => m.municipalityCode as string),
  };
}

/** Builds the suppressed table of unmet needs; `unsuppressed` keeps the true values (region admin). */
export async function buildUnmet(
  db: Db,
  regionId: string,
  munis: string[] | null,
  unsuppressed: boolean,
): Promise<{ rules: DisclosureRules; cells: UnmetCell[] }> {
  const [rows, rules] = await Promise.all([
    repo.unmetNeeds(db, regionId, munis),
    disclosureRulesFor(db, regionId),
  ]);
  const names = new Map<string, string>();
  const acc = new Map<string, Acc>();
  const people = new Map<string, number>();
  const add = (key: string, r: repo.UnmetNeedRow) => {
    const a = acc.get(key) ?? {
      companies: new Set<string>(),
      women: 0,
      men: 0,
      urgent: 0,
      mostUrgent: 'within1To3Years' as repo.Urgency,
    };
    a.companies.add(r.companyId);
    a.women += r.women;
    a.men += r.men;
    if (r.urgency === 'now' || r.urgency === 'within6Months') a.urgent += r.women + r.men;
    if (URGENCY_WEIGHT[r.urgency] > URGENCY_WEIGHT[a.mostUrgent]) a.mostUrgent = r.urgency;
    acc.set(key, a);
  };
  for (const r of rows) {
    names.set(`c:${r.competenceId}`, r.competenceName);
    names.set(`m:${r.municipalityCode}`, r.municipalityName);
    add(cellKey(leaf(r.competenceId), leaf(r.municipalityCode)), r);
    add(cellKey(leaf(r.competenceId), TOTAL), r);
    const p = `${r.competenceId}\u0000${r.municipalityCode}\u0000${r.companyId}`;
    people.set(p, (people.get(p) ?? 0) + r.women + r.men);
  }
  const contributions: Contribution[] = [...people].map(([k, n]) => {
    const [row, col, companyId] = k.split('\u0000') as [string, string, string];
    return { row, col, companyId, people: n };
  });
  const table = suppressTable(contributions, rules);
  const cells: UnmetCell[] = [];
  for (const c of table.cells.values()) {
    if (c.row.level !== 'leaf' || c.col.level === 'group' || c.status === 'zero') continue;
    const a = acc.get(c.key);
    if (!a) continue;
    const hidden = isSuppressed(c);
    const withheld = hidden && !unsuppressed;
    const muni = c.col.level === 'leaf' ? c.col.code : null;
    cells.push({
      competenceId: c.row.code,
      competenceName: names.get(`c:${c.row.code}`) ?? c.row.code,
      municipalityCode: muni,
      municipalityName: muni ? (names.get(`m:${muni}`) ?? muni) : null,
      flag: !hidden ? 'shown' : withheld ? 'suppressed' : 'wouldSuppress',
      companies: withheld ? null : a.companies.size,
      people: withheld ? null : c.value,
      women: withheld ? null : a.women,
      men: withheld ? null : a.men,
      urgentPeople: withheld ? null : a.urgent,
      mostUrgent: withheld ? null : a.mostUrgent,
    });
  }
  // Ordered by name, never by value: the order must not hint at a withheld number.
  cells.sort(
    (x, y) =>
      x.competenceName.localeCompare(y.competenceName, 'sv') ||
      x.competenceId.localeCompare(y.competenceId) ||
      (x.municipalityName === null ? -1 : 0) - (y.municipalityName === null ? -1 : 0) ||
      (x.municipalityName ?? '').localeCompare(y.municipalityName ?? '', 'sv'),
  );
  return { rules, cells };
}

/** The unmet demand as the actor may see it (region admin: the region; officers: their municipalities). */
export async function getUnmet(db: Db, actor: Actor): Promise<UnmetView> {
  if (!canViewUnmet(actor)) throw new AppError('FORBIDDEN');
  const scope = scopeOf(actor);
  const { rules, cells } = await buildUnmet(db, scope.regionId, scope.munis, scope.audience === 'admin');
  return { regionId: scope.regionId, audience: scope.audience, rules, cells };
}

/** What a published snapshot holds (stored as jsonb): the suppressed table of the whole region. */
export interface PublishedUnmet {
  rules: DisclosureRules;
  cells: UnmetCell[];
}

export interface Publication {
  id: string;
  publishedAt: Date;
  publishedByName: string | null;
  content: PublishedUnmet;
}

/** Publishes the region's current unmet demand (suppressed) to all providers at once. Region admins. */
export async function publishUnmet(db: Db, actor: Actor, ip: string | null = null): Promise<Publication> {
  if (!canPublishUnmet(actor)) throw new AppError('FORBIDDEN');
  const { regionId } = scopeOf(actor);
  const content: PublishedUnmet = await buildUnmet(db, regionId, null, false);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertPublication(tx, { id, regionId, publishedBy: actor.userId, content });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.unmet.published',
      entityType: 'unmet_demand_publication',
      entityId: id,
      organisationId: regionId,
      ip,
      details: { cells: content.cells.length },
    });
  });
  const row = await repo.latestPublication(db, regionId);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...row, content: row.content as PublishedUnmet };
}

function regionsOf(actor: Actor): string[] {
  return [
    ...new Set(
      actor.memberships
        .filter((m) => ['provider', 'region_admin', 'municipality_officer'].includes(m.role))
        .map((m) => m.regionId),
    ),
  ];
}

/** The latest published snapshot of the actor's region; null when nothing has been published yet. */
export async function getPublishedUnmet(db: Db, actor: Actor): Promise<Publication | null> {
  if (!canReadPublishedUnmet(actor)) throw new AppError('FORBIDDEN');
  const [regionId] = regionsOf(actor);
  if (!regionId) throw new AppError('FORBIDDEN');
  const row = await repo.latestPublication(db, regionId);
  return row ? { ...row, content: row.content as PublishedUnmet } : null;
}

export const UNMET_COLUMNS = [
  'competence_id',
  'competence',
  'municipality_code',
  'municipality',
  'status',
  'companies',
  'people',
  'women',
  'men',
  'urgent_people',
  'most_urgent',
] as const;

function exportRows(cells: UnmetCell[]): (string | number | null)[][] {
  return cells.map((c) => [
    c.competenceId,
    c.competenceName,
    c.municipalityCode ?? 'ALL',
    c.municipalityName ?? '',
    c.flag,
    c.companies,
    c.people,
    c.women,
    c.men,
    c.urgentPeople,
    c.mostUrgent,
  ]);
}

/** The actor's view as a file (CSV for Swedish Excel, or XLSX); audited. */
export async function exportUnmet(
  db: Db,
  actor: Actor,
  format: 'csv' | 'xlsx',
  ip: string | null = null,
): Promise<string | Buffer> {
  const view = await getUnmet(db, actor);
  await audit(db, {
    actorUserId: actor.userId,
    action: 'training.unmet.exported',
    entityType: 'unmet_demand',
    organisationId: view.regionId,
    ip,
    details: { format, audience: view.audience },
  });
  const rows = exportRows(view.cells);
  if (format === 'csv') return `\ufeff${[[...UNMET_COLUMNS], ...rows].map(csvLine).join('')}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('unmet');
  ws.addRow([...UNMET_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralise(v) : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
