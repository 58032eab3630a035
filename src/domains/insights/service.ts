// Use cases of the insights domain: the roll-up page/API model, recruitment difficulty, top competences
// and the public summary. Access: services decide the audience; company users get 403.
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { type Dim, drillTo, type Measure } from './dims.ts';
import { type AxisRef, cellKey, type DisclosureRules, leaf, TOTAL } from './disclosure-types.ts';
import { insightsT } from './messages.ts';
import { canViewInsights } from './policy.ts';
import * as repo from './repo.ts';
import { codesOf, labeller } from './service/labels.ts';
import {
  type Audience,
  type AxisItem,
  audienceOf,
  cellView,
  type RollupCellView,
  type RollupQuery,
  resolveRound,
  rollup,
  rulesFor,
  statsTable,
} from './service/rollup.ts';

export { type Audience, audienceOf, type RollupQuery } from './service/rollup.ts';

export function requireInsights(actor: Actor, municipality?: string | null): Audience {
  if (!canViewInsights(actor)) throw new AppError('FORBIDDEN');
  return audienceOf(actor, municipality);
}

export interface RollupView {
  audience: Audience['kind'];
  rules: DisclosureRules;
  roundId: string | null;
  rounds: { id: string; name: string }[];
  query: RollupQuery;
  rows: AxisItem[];
  cols: AxisItem[];
  cells: RollupCellView[][];
  /** Labels of the active filters. */
  filterLabels: { dim: Dim; code: string; label: string }[];
  officerMunicipality: string | null;
}

function item(ref: AxisRef, label: string, drill: Dim | null): AxisItem {
  return { ref, code: ref.code, label, drill };
}

export async function needsRollup(
  db: Db,
  audience: Audience,
  query: RollupQuery,
  locale: Locale,
): Promise<RollupView> {
  const r = await rollup(db, audience, query);
  const officer = audience.kind === 'officer' ? audience.municipalityCode : null;
  const filterEntries = Object.entries(query.filters).filter(([, v]) => v) as [Dim, string][];
  const label = await labeller(db, locale, [
    ...codesOf(query.rows, r.rowRefs),
    ...codesOf(query.cols, r.colRefs),
    ...filterEntries.map(([dim, code]) => ({ dim, codes: [code] })),
    ...(officer ? [{ dim: 'municipality' as const, codes: [officer] }] : []),
  ]);
  const t = insightsT(locale);
  const parentOf = (dim: Dim | 'all') =>
    dim === 'sniDivision' ? 'sniSection' : dim === 'ssykUnit' ? 'ssykMajor' : dim;
  const rowLabel = (ref: AxisRef): string => {
    if (ref.level === 'total') return officer ? t('insights.county') : t('insights.total');
    if (ref.level === 'group' && officer) return officer ? label('municipality', officer) : ref.code;
    if (ref.level === 'group') return t('insights.subtotal', { name: label(parentOf(query.rows), ref.code) });
    return label(query.rows, ref.code.replace(/^own\|/, ''));
  };
  const colLabel = (ref: AxisRef): string => {
    if (ref.level === 'total') return t('insights.total');
    if (ref.level === 'group') return t('insights.subtotal', { name: label(parentOf(query.cols), ref.code) });
    return label(query.cols, ref.code);
  };
  const drill = drillTo[query.rows];
  const rounds = r.rounds.map((x) => ({
    id: x.id,
    name: locale === 'en' ? x.nameEn : x.nameSv,
  }));
  return {
    audience: r.audience,
    rules: r.rules,
    roundId: r.roundId,
    rounds,
    query,
    rows: r.rowRefs.map((ref) => item(ref, rowLabel(ref), ref.level === 'leaf' && drill ? drill : null)),
    cols: r.colRefs.map((ref) => item(ref, colLabel(ref), null)),
    cells: r.cells,
    filterLabels: filterEntries.map(([dim, code]) => ({ dim, code, label: label(dim, code) })),
    officerMunicipality: officer,
  };
}

// ---------------------------------------------------------------- one-dimensional tables

export interface RankedRow {
  code: string;
  label: string;
  value: number | null;
  flag: RollupCellView['flag'];
  /** Recruitments: mean difficulty 1–4 (null where suppressed). */
  difficulty?: number | null;
}

/** Top unmet competences by people affected, suppressed; non-admins see only published rows. */
export async function topCompetences(
  db: Db,
  audience: Audience,
  opts: { round?: string | null; limit: number; locale: Locale },
): Promise<RankedRow[]> {
  const rules = await rulesFor(db, audience.regionId);
  const roundId = await resolveRound(db, audience.regionId, { round: opts.round });
  const st = await statsTable(
    db,
    {
      source: 'needs',
      regionId: audience.regionId,
      roundId,
      rows: { dim: 'competence', withParent: false },
      cols: { dim: 'all', withParent: false },
      filters: [],
    },
    rules,
  );
  const unsuppressed = audience.kind === 'admin';
  const all = leaf('all');
  const rows = st.table.rows
    .map((code) => ({ code, cell: cellView(st, leaf(code), all, 'people', unsuppressed) }))
    .filter((r) => r.cell.flag !== 'suppressed' && r.cell.flag !== 'zero')
    .sort((a, b) => (b.cell.value ?? 0) - (a.cell.value ?? 0) || a.code.localeCompare(b.code))
    .slice(0, opts.limit);
  const label = await labeller(db, opts.locale, [{ dim: 'competence', codes: rows.map((r) => r.code) }]);
  return rows.map((r) => ({
    code: r.code,
    label: label('competence', r.code),
    value: r.cell.value,
    flag: r.cell.flag,
  }));
}

/** Planned recruitments and mean difficulty per occupation (SSYK 4 under SSYK 1), suppressed. */
export async function recruitmentDifficulty(
  db: Db,
  audience: Audience,
  opts: { round?: string | null; locale: Locale },
): Promise<RankedRow[]> {
  const rules = await rulesFor(db, audience.regionId);
  const roundId = await resolveRound(db, audience.regionId, { round: opts.round });
  const st = await statsTable(
    db,
    {
      source: 'recruitments',
      regionId: audience.regionId,
      roundId,
      rows: { dim: 'ssykUnit', withParent: true },
      cols: { dim: 'all', withParent: false },
      filters: [],
    },
    rules,
  );
  const unsuppressed = audience.kind === 'admin';
  const all = leaf('all');
  const refs = [...st.table.rows.map(leaf), TOTAL];
  const label = await labeller(db, opts.locale, [{ dim: 'ssykUnit', codes: [...st.table.rows] }]);
  const t = insightsT(opts.locale);
  return refs.map((ref) => {
    const cell = cellView(st, ref, all, 'people', unsuppressed);
    const s = st.stats.get(cellKey(ref, all));
    const difficulty =
      cell.value !== null && s && s.people > 0 ? Math.round((s.weighted / s.people) * 10) / 10 : null;
    return {
      code: ref.code,
      label: ref.level === 'total' ? t('insights.total') : label('ssykUnit', ref.code),
      value: cell.value,
      flag: cell.flag,
      difficulty,
    };
  });
}

// ---------------------------------------------------------------- public summary

export interface PublicSummary {
  regionName: string;
  roundName: string | null;
  byUrgency: RollupView | null;
  bySection: RollupView | null;
  top: RankedRow[];
}

/** The open summary: always suppressed, whoever asks (also a signed-in region admin). */
export async function publicSummary(db: Db, locale: Locale): Promise<PublicSummary> {
  const region = await repo.firstRegion(db);
  if (!region) return { regionName: '', roundName: null, byUrgency: null, bySection: null, top: [] };
  const audience: Audience = { kind: 'public', regionId: region.id };
  const rounds = await repo.roundsOf(db, region.id);
  const round = rounds[0];
  const base = { measure: 'people' as Measure, round: round?.id ?? null, filters: {} };
  const byUrgency = await needsRollup(db, audience, { ...base, rows: 'urgency', cols: 'strategy' }, locale);
  const bySection = await needsRollup(db, audience, { ...base, rows: 'sniSection', cols: 'all' }, locale);
  const top = await topCompetences(db, audience, { round: round?.id ?? null, limit: 10, locale });
  const strip = (v: RollupView): RollupView => ({
    ...v,
    rows: v.rows.map((r) => ({ ...r, drill: null })),
    rounds: [],
  });
  return {
    regionName: region.name,
    roundName: round ? (locale === 'en' ? round.nameEn : round.nameSv) : null,
    byUrgency: strip(byUrgency),
    bySection: strip(bySection),
    top,
  };
}
