// Synthetic (clearly fictitious) companies in bulk, for load tests and benchmarks. Company number k is
// a pure function of (seed, serial): the same command gives the same data, and a second run continues
// the organisationsnummer series where the first stopped.
import { createHash } from 'node:crypto';
import {
  type BulkCompany,
  insertCompaniesBulk,
  maxFictitiousSerial,
  vacuumAnalyzeCompanies,
} from '../domains/companies/index.ts';
import { ensureRegion, findMunicipalityOrganisation } from '../domains/organisations/index.ts';
import { findCounty, municipalitiesOfCounty } from '../domains/reference/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import {
  companyName,
  employeeCount,
  fictitiousOrgNumber,
  kronobergWeights,
  lastNames,
  personName,
  pick,
  rng,
  slug,
  sniWeights,
  weighted,
} from './generate.ts';

export const MAX_SERIAL = 999_999;
export const DEFAULT_SEED = 20261128;

export interface SyntheticMunicipality {
  code: string;
  /** The town that gives the workplace's address (the municipality's seat). */
  city: string;
  /** Share of the county's population: workplaces are spread in proportion. */
  weight: number;
  /** The municipality's organisation, which owns companies whose first workplace lies there. */
  orgId: string;
}

export interface SyntheticContext {
  seed: number;
  regionId: string;
  municipalities: SyntheticMunicipality[];
}

/** Postal-code prefixes and seats of Kronoberg's municipalities (addresses stay fictitious). */
const kronobergPostal: Record<string, { prefix: string; city: string }> = {
  '0760': { prefix: '360', city: 'Åseda' },
  '0761': { prefix: '360', city: 'Lessebo' },
  '0763': { prefix: '362', city: 'Tingsryd' },
  '0764': { prefix: '342', city: 'Alvesta' },
  '0765': { prefix: '343', city: 'Älmhult' },
  '0767': { prefix: '285', city: 'Markaryd' },
  '0780': { prefix: '352', city: 'Växjö' },
  '0781': { prefix: '341', city: 'Ljungby' },
};

const statuses = [
  ['interested', 20],
  ['eligible', 15],
  ['active', 50],
  ['closed', 15],
] as const;
const foundVia = [
  ['municipality', 40],
  ['region', 15],
  ['event', 12],
  ['website', 10],
  ['other_company', 10],
  ['provider', 8],
  ['media', 3],
  ['other', 2],
] as const;
const workplaceCounts = [
  [1, 88],
  [2, 10],
  [3, 2],
] as const;
const streets = [
  'Industrigatan',
  'Verkstadsgatan',
  'Storgatan',
  'Fabriksvägen',
  'Hantverksvägen',
  'Företagsvägen',
  'Järnvägsgatan',
  'Sågverksvägen',
];
const extraSites = ['Verkstad', 'Lager', 'Filial'];
const qualifiers = [
  '& Söner',
  'Nordic',
  'Sverige',
  'Produktion',
  'Teknik',
  'i Småland',
  '& Co',
  'Invest',
  'Väst',
  'Öst',
];
const roles = ['VD', 'HR-chef', 'Produktionschef', 'Ekonomichef', 'Platschef'];

const WINDOW_START = Date.UTC(2024, 8, 1);
const WINDOW_END = Date.UTC(2026, 10, 1);

/** A 32-bit seed per (run seed, serial), so each company can be generated on its own. */
function companySeed(seed: number, serial: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(serial + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** A deterministic id (UUID version 8: derived, not random) unique per serial and part. */
export function syntheticId(serial: number, part: string): string {
  const hex = createHash('sha256').update(`kompetensnavet-synthetic:${serial}:${part}`).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Names from the demo's parts, varied (family names, towns, qualifiers) so fewer repeat. */
function name(r: () => number, sniCode: string, city: string): string {
  let base = companyName(r, sniCode);
  const x = r();
  if (x < 0.25) base = base.replace(/^\S+/, `${pick(r, lastNames)}s`);
  else if (x < 0.4) base = base.replace(/^\S+/, city);
  if (r() < 0.35) base = base.replace(/ (\S+)$/, ` ${pick(r, qualifiers)} $1`);
  return base;
}

function workplaceSites(r: () => number, ctx: SyntheticContext): SyntheticMunicipality[] {
  const weights = ctx.municipalities.map((m) => [m, m.weight] as const);
  const count = Math.min(weighted(r, workplaceCounts), ctx.municipalities.length);
  const sites: SyntheticMunicipality[] = [];
  for (let attempt = 0; sites.length < count && attempt < 10; attempt++) {
    const m = weighted(r, weights);
    if (!sites.includes(m)) sites.push(m);
  }
  return sites;
}

function financials(r: () => number, employees: number) {
  const known = r() < 0.95;
  const turnover = Math.round(employees * (900 + r() * 1500));
  const partOfGroup = r() < 0.1;
  const groupFactor = 1 + r() * 4;
  return {
    turnoverTsek: known ? turnover : null,
    balanceTsek: known ? Math.round(turnover * (0.4 + r() * 0.5)) : null,
    partOfGroup,
    groupEmployees: partOfGroup ? employees + Math.floor(r() * 300) : null,
    groupTurnoverTsek: partOfGroup ? Math.round(turnover * groupFactor) : null,
    groupBalanceTsek: partOfGroup ? Math.round(turnover * groupFactor * 0.6) : null,
  };
}

/** One synthetic company: the same (seed, serial) always gives the same company. */
export function syntheticCompany(ctx: SyntheticContext, serial: number): BulkCompany {
  const r = rng(companySeed(ctx.seed, serial));
  const sites = workplaceSites(r, ctx);
  const sniCode = weighted(r, sniWeights);
  const companyNameText = name(r, sniCode, sites[0].city);
  const employees = employeeCount(r);
  const women = Math.round(employees * (0.15 + r() * 0.4));
  const created = WINDOW_START + Math.floor(r() * (WINDOW_END - WINDOW_START));
  const updated = created + Math.floor(r() * (WINDOW_END - created));
  const contactName = personName(r);
  const domain = `${slug(companyNameText).slice(0, 30)}.example`;
  return {
    id: syntheticId(serial, 'company'),
    orgNumber: fictitiousOrgNumber(serial),
    isSoleTrader: false,
    name: companyNameText,
    sniCode,
    regionId: ctx.regionId,
    ownerOrgId: sites[0].orgId,
    employeesWomen: women,
    employeesMen: employees - women,
    ...financials(r, employees),
    status: weighted(r, statuses),
    foundVia: weighted(r, foundVia),
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    workplaces: sites.map((m, i) => ({
      id: syntheticId(serial, `workplace:${i}`),
      name: i === 0 ? 'Huvudkontor' : pick(r, extraSites),
      street: `${pick(r, streets)} ${1 + Math.floor(r() * 60)}`,
      postalCode: kronobergPostal[m.code]
        ? `${kronobergPostal[m.code].prefix} ${10 + Math.floor(r() * 90)}`
        : null,
      city: m.city,
      municipalityCode: m.code,
    })),
    contacts: [
      {
        id: syntheticId(serial, 'contact:0'),
        name: contactName,
        roleTitle: pick(r, roles),
        email: `${slug(contactName)}@${domain}`,
        phone: `070-${String(1_000_000 + Math.floor(r() * 8_999_999)).slice(0, 7)}`,
      },
    ],
  };
}

/** The region, its municipality organisations and their weights (Kronoberg: population; others: equal). */
export async function syntheticContext(db: Db, county: string, seed: number): Promise<SyntheticContext> {
  if (!(await findCounty(db, county))) throw new Error(`unknown county ${county}`);
  const regionId = await ensureRegion(db, county);
  const population = new Map(county === '07' ? kronobergWeights : []);
  const municipalities: SyntheticMunicipality[] = [];
  for (const m of await municipalitiesOfCounty(db, county)) {
    const org = await findMunicipalityOrganisation(db, m.code);
    if (!org) throw new Error(`municipality organisation ${m.code} missing`);
    municipalities.push({
      code: m.code,
      city: kronobergPostal[m.code]?.city ?? m.name,
      weight: population.get(m.code) ?? 1,
      orgId: org.id,
    });
  }
  if (municipalities.length === 0) throw new Error(`county ${county} has no municipalities`);
  return { seed, regionId, municipalities };
}

export interface SeedSyntheticOptions {
  companies: number;
  seed?: number;
  county?: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSyntheticResult {
  inserted: number;
  firstSerial: number;
  lastSerial: number;
  ms: number;
}

/** Insert `companies` synthetic companies in batches (one transaction each), then VACUUM (ANALYZE). */
export async function seedSynthetic(db: Db, opts: SeedSyntheticOptions): Promise<SeedSyntheticResult> {
  const started = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const batchSize = opts.batchSize ?? 2000;
  const ctx = await syntheticContext(db, opts.county ?? '07', seed);
  const firstSerial = (await maxFictitiousSerial(db)) + 1;
  const lastSerial = firstSerial + opts.companies - 1;
  if (lastSerial > MAX_SERIAL) {
    throw new Error(
      `the fictitious series 502… has room for ${MAX_SERIAL - firstSerial + 1} more companies, not ${opts.companies}`,
    );
  }
  for (let from = firstSerial; from <= lastSerial; from += batchSize) {
    const to = Math.min(from + batchSize - 1, lastSerial);
    const batch: BulkCompany[] = [];
    for (let serial = from; serial <= to; serial++) batch.push(syntheticCompany(ctx, serial));
    await insertCompaniesBulk(db, batch);
    opts.onProgress?.(to - firstSerial + 1, opts.companies);
  }
  await vacuumAnalyzeCompanies(db);
  if (opts.companies > 0) {
    await audit(db, {
      actorUserId: null,
      action: 'company.synthetic_seed',
      entityType: 'company',
      organisationId: ctx.regionId,
      details: { companies: opts.companies, seed, firstSerial, lastSerial },
    });
  }
  return { inserted: opts.companies, firstSerial, lastSerial, ms: performance.now() - started };
}
