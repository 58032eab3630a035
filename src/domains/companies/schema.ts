import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';
import { parseOrgNumber } from '../../platform/identifiers.ts';

export const companyStatuses = ['interested', 'eligible', 'active', 'closed'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];
export const foundVia = [
  'municipality',
  'region',
  'event',
  'website',
  'other_company',
  'provider',
  'media',
  'other',
] as const;
export const sizeClasses = ['0', '1-9', '10-49', '50-249', '250+'] as const;

const orgNumber = f.text(20).transform((value, ctx) => {
  const parsed = parseOrgNumber(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `validation.orgNumber.${parsed.error}` });
    return z.NEVER;
  }
  return { value: parsed.value, soleTrader: parsed.soleTrader };
});

const isBlankRow = (row: unknown) =>
  typeof row === 'object' &&
  row !== null &&
  Object.entries(row).every(
    ([k, v]) => k === 'id' || v === undefined || v === null || (typeof v === 'string' && v.trim() === ''),
  );

const optId = z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.uuid').optional());

export const workplaceInput = z.object({
  id: optId,
  name: f.optText(200),
  street: f.optText(200),
  postalCode: f.optText(10),
  city: f.optText(100),
  municipalityCode: f.text(4).pipe(z.string().regex(/^\d{4}$/, 'validation.municipality.unknown')),
  cfar: f.optText(8).pipe(
    z
      .string()
      .regex(/^\d{8}$/, 'validation.cfar')
      .nullable(),
  ),
});
export type WorkplaceInput = z.infer<typeof workplaceInput>;

export const contactInput = z.object({
  id: optId,
  name: f.text(200),
  roleTitle: f.optText(200),
  email: f.optEmail(),
  phone: f.optText(40),
});
export type ContactInput = z.infer<typeof contactInput>;

/** Rows left fully blank in a form are dropped; indexes (and so error paths) are kept. */
const rows = <S extends z.ZodType>(schema: S) =>
  z
    .array(z.preprocess((row) => (isBlankRow(row) ? null : row), schema.nullable()))
    .max(50, 'validation.tooLong')
    .transform((list) => list.filter((r): r is NonNullable<typeof r> => r !== null));

export const companyInput = z.object({
  orgNumber,
  name: f.text(200),
  sniCode: f.optText(6).transform((v) => (v ? v.replace('.', '') : null)),
  status: f.choice(companyStatuses),
  foundVia: f.choice(foundVia),
  employeesWomen: f.int(0, 1_000_000),
  employeesMen: f.int(0, 1_000_000),
  turnoverTsek: f.optInt(0, 10_000_000_000),
  balanceTsek: f.optInt(0, 10_000_000_000),
  partOfGroup: f.checkbox(),
  groupEmployees: f.optInt(0, 10_000_000),
  groupTurnoverTsek: f.optInt(0, 100_000_000_000),
  groupBalanceTsek: f.optInt(0, 100_000_000_000),
  workplaces: rows(workplaceInput).refine((list) => list.length > 0, 'validation.workplaces.min'),
  contacts: rows(contactInput),
  version: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).optional()),
});
export type CompanyInput = z.infer<typeof companyInput>;

/** A form posts flat names like `workplaces.0.city`; gather them into arrays for the schema. */
export function formToCompanyInput(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const out: Record<string, unknown> = { workplaces: [], contacts: [] };
  for (const [key, value] of Object.entries(raw)) {
    const m = key.match(/^(workplaces|contacts)\.(\d{1,2})\.(\w+)$/);
    if (!m) {
      out[key] = value;
      continue;
    }
    const list = out[m[1]] as Record<string, unknown>[];
    const index = Number(m[2]);
    while (list.length <= index) list.push({});
    list[index][m[3]] = value;
  }
  return out;
}

export const companyForm = z.preprocess(formToCompanyInput, companyInput);

export const companyListQuery = z.object({
  q: f.optText(100),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(companyStatuses).optional()),
  municipality: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  ),
  sni: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^([A-U]|\d{2,5})$/)
      .optional(),
  ),
  size: z.preprocess((v) => (v === '' ? undefined : v), z.enum(sizeClasses).optional()),
  sme: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['yes', 'no']).optional()),
  sort: z.enum(['name', 'updated']).default('name'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type CompanyListQuery = z.infer<typeof companyListQuery>;

export const idParams = z.object({ id: z.string().uuid() });
