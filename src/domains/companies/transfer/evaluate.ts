// Validate the rows of a file against the form's rules, the reference data, the database and the
// actor's scope. Reference data and existing companies are loaded once per file (one query per kind).
import type { Actor, Membership } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { parseOrgNumber } from '../../../platform/identifiers.ts';
import { findOrganisation } from '../../organisations/index.ts';
import { listMunicipalities } from '../../reference/index.ts';
import { registeringMembership, writeScope } from '../policy.ts';
import * as importRepo from '../repo-import.ts';
import type { CompanyInput } from '../schema.ts';
import { headerKey, type RowValues } from './columns.ts';
import type { SheetRecord } from './parse.ts';
import {
  type ExistingCompany,
  existingRaw,
  type MunicipalityIndex,
  mergedRaw,
  newCompanyRaw,
  type RowError,
  resolveMunicipality,
  validateRaw,
} from './rows.ts';
import type { DuplicateMode, StoredRow } from './schema.ts';

export type Plan =
  | { kind: 'insert'; input: CompanyInput; regionId: string; ownerOrgId: string }
  | { kind: 'update'; input: CompanyInput; existing: ExistingCompany; changed: string[] };

export interface Evaluated extends StoredRow {
  plan: Plan | null;
}

interface Lookups {
  actor: Actor;
  mode: DuplicateMode;
  municipalities: MunicipalityIndex;
  sni: Set<string>;
  /** normalised organisationsnummer → an existing company outside scope (null) or in scope. */
  existing: Map<string, ExistingCompany | 'outOfScope' | 'inScope'>;
  /** region id → county code */
  regionCounties: Map<string, string | null>;
  importRegionId: string | null;
}

/** The membership imports are made under: a region admin's, else the first officer's. */
export function importMembership(actor: Actor): Membership | null {
  return (
    actor.memberships.find((m) => m.role === 'region_admin') ??
    actor.memberships.find((m) => m.role === 'municipality_officer' && m.municipalityCode) ??
    null
  );
}

const normalOrg = (v: string | undefined) => {
  const parsed = v === undefined ? null : parseOrgNumber(v);
  return parsed?.ok ? parsed.value : null;
};

async function loadLookups(
  db: Db,
  actor: Actor,
  records: SheetRecord[],
  mode: DuplicateMode,
): Promise<Lookups> {
  const municipalities: MunicipalityIndex = { counties: new Map(), byName: new Map() };
  for (const m of await listMunicipalities(db)) {
    municipalities.counties.set(m.code, m.countyCode);
    municipalities.byName.set(headerKey(m.name), m.code);
  }
  const sniCodes = new Set(
    records.map((r) => r.values.sniCode?.replace('.', '')).filter((c): c is string => !!c),
  );
  const orgNumbers = new Set(
    records.map((r) => normalOrg(r.values.orgNumber)).filter((o): o is string => o !== null),
  );
  const [sni, found] = await Promise.all([
    importRepo.existingSniCodes(db, [...sniCodes]),
    importRepo.companiesByOrgNumber(db, [...orgNumbers], writeScope(actor)),
  ]);
  const existing: Lookups['existing'] = new Map();
  for (const f of found) existing.set(f.orgNumber, f.inScope ? 'inScope' : 'outOfScope');
  if (mode === 'update') {
    for (const e of await loadExisting(
      db,
      found.filter((f) => f.inScope).map((f) => f.id),
    ))
      existing.set(e.orgNumber, e);
  }
  const regionCounties = new Map<string, string | null>();
  for (const m of actor.memberships) {
    if (!regionCounties.has(m.regionId))
      regionCounties.set(m.regionId, (await findOrganisation(db, m.regionId))?.code ?? null);
  }
  return {
    actor,
    mode,
    municipalities,
    sni,
    existing,
    regionCounties,
    importRegionId: importMembership(actor)?.regionId ?? null,
  };
}

/** Existing companies with their workplaces and contacts: three queries for any number. */
export async function loadExisting(db: Db, ids: string[]): Promise<ExistingCompany[]> {
  const [facts, workplaces, contacts] = await Promise.all([
    importRepo.companyFacts(db, ids),
    importRepo.workplacesOf(db, ids),
    importRepo.contactsOf(db, ids),
  ]);
  return facts.map((c) => ({
    ...c,
    workplaces: workplaces
      .filter((w) => w.companyId === c.id)
      .map(({ companyId: _c, municipalityName: _m, ...w }) => w),
    contacts: contacts.filter((p) => p.companyId === c.id).map(({ companyId: _c, ...p }) => p),
  }));
}

/** Validate every row; duplicates inside the file are errors from their second occurrence on. */
export async function evaluateRows(
  db: Db,
  actor: Actor,
  records: SheetRecord[],
  mode: DuplicateMode,
): Promise<Evaluated[]> {
  const lookups = await loadLookups(db, actor, records, mode);
  const firstLine = new Map<string, number>();
  return records.map((record) => {
    const org = normalOrg(record.values.orgNumber);
    const duplicateOf = org ? firstLine.get(org) : undefined;
    if (org && duplicateOf === undefined) firstLine.set(org, record.line);
    const result = evaluateRow(record, org, lookups);
    if (duplicateOf !== undefined) {
      const errors: RowError[] = [
        { column: 'orgNumber', message: 'transfer.error.duplicateInFile', params: { line: duplicateOf } },
        ...(result.outcome === 'error' ? result.errors : []),
      ];
      return { ...record, outcome: 'error', errors, plan: null };
    }
    return result;
  });
}

function evaluateRow(record: SheetRecord, org: string | null, lookups: Lookups): Evaluated {
  const { values, line } = record;
  const found = org ? lookups.existing.get(org) : undefined;
  if (found === 'outOfScope')
    return {
      line,
      values,
      outcome: 'error',
      errors: [{ column: 'orgNumber', message: 'transfer.error.outsideScope' }],
      plan: null,
    };
  if (found !== undefined && lookups.mode === 'skip')
    return { line, values, outcome: 'skip', errors: [], plan: null };
  const existing = typeof found === 'object' ? found : null;
  const municipality = resolveMunicipality(values.municipalityCode, lookups.municipalities);
  const checked = validateRaw(
    existing ? mergedRaw(values, existing, municipality) : newCompanyRaw(values, municipality),
  );
  if (!checked.ok)
    return { line, values, outcome: 'error', errors: namedMunicipality(checked.errors, values), plan: null };
  const input = checked.input;
  const errors: RowError[] = [];
  if (input.sniCode && !lookups.sni.has(input.sniCode))
    errors.push({ column: 'sniCode', message: 'validation.sni.unknown' });
  return existing
    ? updateOutcome(record, { input, existing, municipality, errors }, lookups)
    : insertOutcome(record, { input, errors }, lookups);
}

type Checked = { input: CompanyInput; errors: RowError[] };

function updateOutcome(
  { line, values }: SheetRecord,
  c: Checked & { existing: ExistingCompany; municipality: string | undefined },
  lookups: Lookups,
): Evaluated {
  const errors = [...c.errors, ...updateScopeErrors(c.municipality, c.existing, lookups)];
  if (errors.length) return { line, values, outcome: 'error', errors, plan: null };
  const changed = changedFields(c.existing, c.input);
  if (changed.length === 0) return { line, values, outcome: 'unchanged', errors, plan: null };
  return {
    line,
    values,
    outcome: 'update',
    errors,
    plan: { kind: 'update', input: c.input, existing: c.existing, changed },
  };
}

/** A new company is registered under the membership of its municipality (or the region admin's). */
function insertOutcome({ line, values }: SheetRecord, c: Checked, lookups: Lookups): Evaluated {
  const code = c.input.workplaces[0]?.municipalityCode ?? '';
  const membership = registeringMembership(lookups.actor, [code]);
  const regionId = membership?.regionId ?? lookups.importRegionId;
  const errors = [
    ...c.errors,
    ...municipalityErrors(code, regionId ? lookups.regionCounties.get(regionId) : null, lookups),
  ];
  if (errors.length === 0 && !membership?.organisationId)
    errors.push({ column: 'municipalityCode', message: 'validation.municipality.outsideScope' });
  if (errors.length || !membership?.organisationId)
    return { line, values, outcome: 'error', errors, plan: null };
  const plan: Plan = {
    kind: 'insert',
    input: c.input,
    regionId: membership.regionId,
    ownerOrgId: membership.organisationId,
  };
  return { line, values, outcome: 'new', errors, plan };
}

/** A municipality given by a name we do not know gets a message that says so. */
function namedMunicipality(errors: RowError[], values: RowValues): RowError[] {
  const named = values.municipalityCode !== undefined && !/^\d+$/.test(values.municipalityCode);
  return errors.map((e) =>
    named && e.column === 'municipalityCode'
      ? { column: e.column, message: 'transfer.error.municipalityName' }
      : e,
  );
}

/** The municipality must exist and lie in the region (given by its county code). */
function municipalityErrors(
  code: string,
  regionCounty: string | null | undefined,
  lookups: Lookups,
): RowError[] {
  const county = lookups.municipalities.counties.get(code);
  if (county === undefined)
    return [{ column: 'municipalityCode', message: 'validation.municipality.unknown' }];
  if (regionCounty && county !== regionCounty)
    return [{ column: 'municipalityCode', message: 'validation.municipality.outsideRegion' }];
  return [];
}

/** An update may name a municipality only within the company's region and, for an officer, their own. */
function updateScopeErrors(
  code: string | undefined,
  existing: ExistingCompany,
  lookups: Lookups,
): RowError[] {
  if (code === undefined) return [];
  const errors = municipalityErrors(code, existing.regionCode, lookups);
  if (errors.length) return errors;
  const ms = lookups.actor.memberships;
  const admin = ms.some((m) => m.role === 'region_admin' && m.regionId === existing.regionId);
  const officer = ms.some((m) => m.role === 'municipality_officer' && m.municipalityCode === code);
  return admin || officer
    ? []
    : [{ column: 'municipalityCode', message: 'validation.municipality.outsideScope' }];
}

/** The fields of the form input that the file changes (nothing: the row is already the same). */
function changedFields(existing: ExistingCompany, input: CompanyInput): string[] {
  const before = validateRaw(existingRaw(existing));
  if (!before.ok) return Object.keys(input);
  const a = before.input as unknown as Record<string, unknown>;
  const b = input as unknown as Record<string, unknown>;
  return Object.keys(b).filter((k) => k !== 'version' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
