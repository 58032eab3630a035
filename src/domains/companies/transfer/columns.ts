// The columns of an import file and of an export: one row = one company with one workplace and
// optionally one contact. Headers are matched in Swedish or English, loosely (case, spaces,
// punctuation and diacritics do not matter), so "Anställda kvinnor", "anstallda_kvinnor" and
// "employeesWomen" all mean the same column.
import { messages } from './messages.ts';

export const columnKeys = [
  'orgNumber',
  'name',
  'sniCode',
  'status',
  'foundVia',
  'employeesWomen',
  'employeesMen',
  'turnoverTsek',
  'balanceTsek',
  'municipalityCode',
  'workplaceName',
  'street',
  'postalCode',
  'city',
  'cfar',
  'contactName',
  'contactRole',
  'contactEmail',
  'contactPhone',
] as const;
export type ColumnKey = (typeof columnKeys)[number];

/** Extra spellings people use, beyond the Swedish and English headers and the key itself. */
const aliases: Record<ColumnKey, string[]> = {
  orgNumber: [
    'orgnr',
    'org nr',
    'organisationsnr',
    'orgnummer',
    'organization number',
    'corporate identity number',
  ],
  name: ['företagsnamn', 'företag', 'company', 'company name', 'företagets namn'],
  sniCode: ['sni-kod', 'sni 2007', 'sni2007', 'snikod', 'sni code', 'bransch', 'industry'],
  status: ['status i programmet'],
  foundVia: ['hittad via', 'hur företaget hittade programmet', 'source'],
  employeesWomen: ['kvinnor', 'women', 'antal kvinnor', 'employees, women'],
  employeesMen: ['män', 'men', 'antal män', 'employees, men'],
  turnoverTsek: ['omsättning', 'turnover', 'omsättning tkr', 'turnover tsek'],
  balanceTsek: ['balansomslutning', 'balance sheet total', 'balance'],
  municipalityCode: ['kommun', 'kommunnummer', 'kommunnr', 'municipality', 'municipality code'],
  workplaceName: ['arbetsställets namn', 'arbetsställe namn', 'benämning', 'workplace'],
  street: ['adress', 'address', 'gata', 'street'],
  postalCode: ['postnr', 'zip', 'postcode', 'zip code'],
  city: ['postort', 'town', 'stad'],
  cfar: ['cfar-nummer', 'cfar nummer', 'cfar number', 'cfarnr'],
  contactName: ['kontakt', 'contact', 'contact name', 'kontaktperson namn'],
  contactRole: ['roll', 'role', 'befattning', 'titel', 'title'],
  contactEmail: ['e-postadress', 'epost', 'email', 'mail'],
  contactPhone: ['tel', 'telefonnummer', 'mobil', 'mobile', 'phone number'],
};

/** Lower case, without diacritics and anything but letters and digits: "Anställda kvinnor" → "anstalldakvinnor". */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const byHeader = new Map<string, ColumnKey>();
for (const key of columnKeys) {
  const spellings = [
    key,
    messages.sv[`transfer.col.${key}`],
    messages.en[`transfer.col.${key}`],
    ...aliases[key],
  ];
  for (const s of spellings) if (!byHeader.has(headerKey(s))) byHeader.set(headerKey(s), key);
}

/** The column a header names, or null when it is not one the import reads. */
export function columnFor(header: string): ColumnKey | null {
  return byHeader.get(headerKey(header)) ?? null;
}

/** Columns whose values are whole numbers (spaces as thousands separators are removed). */
export const numericColumns: ReadonlySet<ColumnKey> = new Set([
  'employeesWomen',
  'employeesMen',
  'turnoverTsek',
  'balanceTsek',
]);

export type RowValues = Partial<Record<ColumnKey, string>>;
