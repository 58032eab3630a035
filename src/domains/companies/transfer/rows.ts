// One file row → the same input a form sends (companyInput), so the same rules apply. Pure.
import { toFieldErrors } from '../../../platform/http/forms.ts';
import { messages as companyMessages } from '../messages.ts';
import { type CompanyInput, companyInput, companyStatuses, foundVia } from '../schema.ts';
import { type ColumnKey, headerKey, type RowValues } from './columns.ts';

export interface RowError {
  column: ColumnKey | null;
  message: string;
  params?: Record<string, string | number>;
}

export interface ExistingWorkplace {
  id: string;
  name: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  municipalityCode: string;
  cfar: string | null;
}

export interface ExistingContact {
  id: string;
  name: string;
  roleTitle: string | null;
  email: string | null;
  phone: string | null;
}

export interface ExistingCompany {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  regionId: string;
  regionCode: string | null;
  ownerOrgId: string;
  employeesWomen: number;
  employeesMen: number;
  turnoverTsek: number | null;
  balanceTsek: number | null;
  partOfGroup: boolean;
  groupEmployees: number | null;
  groupTurnoverTsek: number | null;
  groupBalanceTsek: number | null;
  status: string;
  foundVia: string;
  version: number;
  workplaces: ExistingWorkplace[];
  contacts: ExistingContact[];
}

type Raw = Record<string, unknown>;

function choiceResolver(prefix: 'company.status' | 'company.foundVia', keys: readonly string[]) {
  const map = new Map<string, string>();
  for (const key of keys) {
    const label = `${prefix}.${key}` as keyof typeof companyMessages.sv;
    for (const s of [key, companyMessages.sv[label], companyMessages.en[label]]) map.set(headerKey(s), key);
  }
  return (value: string | undefined): string | undefined =>
    value === undefined ? undefined : (map.get(headerKey(value)) ?? value);
}

export const resolveStatus = choiceResolver('company.status', companyStatuses);
export const resolveFoundVia = choiceResolver('company.foundVia', foundVia);

export interface MunicipalityIndex {
  /** code → county code */
  counties: Map<string, string>;
  /** headerKey(name) → code, for files that give the municipality's name ("Ljungby", "Ljungby kommun"). */
  byName: Map<string, string>;
}

/** A municipality code, or the code of a municipality given by name; unknown names stay as they are. */
export function resolveMunicipality(value: string | undefined, index: MunicipalityIndex): string | undefined {
  if (value === undefined || /^\d+$/.test(value)) return value;
  return index.byName.get(headerKey(value.replace(/\s+kommun$/i, ''))) ?? value;
}

const workplaceFields = {
  workplaceName: 'name',
  street: 'street',
  postalCode: 'postalCode',
  city: 'city',
  cfar: 'cfar',
} as const;
const contactFields = {
  contactName: 'name',
  contactRole: 'roleTitle',
  contactEmail: 'email',
  contactPhone: 'phone',
} as const;

function pick<K extends string>(values: RowValues, fields: Record<string, K>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [column, field] of Object.entries(fields)) {
    const v = values[column as ColumnKey];
    if (v !== undefined) out[field] = v;
  }
  return out;
}

const companyFields = [
  'name',
  'sniCode',
  'employeesWomen',
  'employeesMen',
  'turnoverTsek',
  'balanceTsek',
] as const;

/** Raw input for a new company: empty status and found-via get defaults, everything else as the form. */
export function newCompanyRaw(values: RowValues, municipalityCode: string | undefined): Raw {
  const raw: Raw = {
    orgNumber: values.orgNumber,
    status: resolveStatus(values.status) ?? 'interested',
    foundVia: resolveFoundVia(values.foundVia) ?? 'other',
    partOfGroup: false,
    workplaces: [{ ...pick(values, workplaceFields), municipalityCode }],
    contacts: [pick(values, contactFields)],
  };
  for (const f of companyFields) raw[f] = values[f];
  return raw;
}

const str = (v: string | number | null) => (v === null ? undefined : String(v));

/** The form schema reads a missing value as blank; a stored null must look the same. */
function withoutNulls(row: object): Raw {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? undefined]));
}

/** An existing company as raw form input (what the edit form would post). */
export function existingRaw(e: ExistingCompany): Raw {
  return {
    orgNumber: e.orgNumber,
    name: e.name,
    sniCode: str(e.sniCode),
    status: e.status,
    foundVia: e.foundVia,
    employeesWomen: String(e.employeesWomen),
    employeesMen: String(e.employeesMen),
    turnoverTsek: str(e.turnoverTsek),
    balanceTsek: str(e.balanceTsek),
    partOfGroup: e.partOfGroup,
    groupEmployees: str(e.groupEmployees),
    groupTurnoverTsek: str(e.groupTurnoverTsek),
    groupBalanceTsek: str(e.groupBalanceTsek),
    workplaces: e.workplaces.map(withoutNulls),
    contacts: e.contacts.map(withoutNulls),
    version: String(e.version),
  };
}

const same = (a: string | null | undefined, b: string | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * An existing company with the file's filled-in cells laid over it. The workplace with the same
 * municipality is updated (else one is added); the contact with the same e-mail, or else name, is
 * updated (else one is added). Empty cells change nothing.
 */
export function mergedRaw(values: RowValues, e: ExistingCompany, municipalityCode: string | undefined): Raw {
  const raw = existingRaw(e);
  for (const f of companyFields) if (values[f] !== undefined) raw[f] = values[f];
  if (values.status !== undefined) raw.status = resolveStatus(values.status);
  if (values.foundVia !== undefined) raw.foundVia = resolveFoundVia(values.foundVia);
  const workplaces = raw.workplaces as Raw[];
  const wp = pick(values, workplaceFields);
  if (municipalityCode !== undefined) {
    const match = workplaces.find((w) => w.municipalityCode === municipalityCode);
    if (match) Object.assign(match, wp);
    else workplaces.push({ ...wp, municipalityCode });
  } else if (Object.keys(wp).length > 0 && workplaces.length === 1) Object.assign(workplaces[0], wp);
  const contacts = raw.contacts as Raw[];
  const cp = pick(values, contactFields);
  if (Object.keys(cp).length > 0) {
    const match =
      contacts.find((c) => same(c.email as string | null, cp.email)) ??
      contacts.find((c) => same(c.name as string | null, cp.name)) ??
      (contacts.length === 1 && !cp.name && !cp.email ? contacts[0] : undefined);
    if (match) Object.assign(match, cp);
    else contacts.push(cp);
  }
  return raw;
}

const fieldColumns: Record<string, ColumnKey> = {
  orgNumber: 'orgNumber',
  name: 'name',
  sniCode: 'sniCode',
  status: 'status',
  foundVia: 'foundVia',
  employeesWomen: 'employeesWomen',
  employeesMen: 'employeesMen',
  turnoverTsek: 'turnoverTsek',
  balanceTsek: 'balanceTsek',
  workplaces: 'municipalityCode',
  'workplaces.municipalityCode': 'municipalityCode',
  'workplaces.name': 'workplaceName',
  'workplaces.street': 'street',
  'workplaces.postalCode': 'postalCode',
  'workplaces.city': 'city',
  'workplaces.cfar': 'cfar',
  'contacts.name': 'contactName',
  'contacts.roleTitle': 'contactRole',
  'contacts.email': 'contactEmail',
  'contacts.phone': 'contactPhone',
};

const allowed = {
  status: (locale: 'sv' | 'en') =>
    companyStatuses.map((s) => companyMessages[locale][`company.status.${s}`]).join(', '),
  foundVia: (locale: 'sv' | 'en') =>
    foundVia.map((s) => companyMessages[locale][`company.foundVia.${s}`]).join(', '),
};

/** Validate raw input with the form's schema; errors name the file's columns. */
export function validateRaw(raw: Raw): { ok: true; input: CompanyInput } | { ok: false; errors: RowError[] } {
  const parsed = companyInput.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = toFieldErrors(parsed.error).map((e): RowError => {
    const column = fieldColumns[e.field.replace(/\.\d+/, '')] ?? null;
    if (e.field === 'workplaces') return { column, message: 'validation.required' };
    if ((column === 'status' || column === 'foundVia') && e.message === 'validation.choice')
      return {
        column,
        message: 'transfer.error.choice',
        params: { allowedSv: allowed[column]('sv'), allowedEn: allowed[column]('en') },
      };
    return { column, message: e.message, params: e.params };
  });
  return { ok: false, errors };
}
