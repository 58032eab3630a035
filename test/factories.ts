import { fictitiousOrgNumber } from '../src/demo/generate.ts';
import { actorForUser } from '../src/domains/accounts/index.ts';
import { type CompanyInput, companyInput, createCompany } from '../src/domains/companies/index.ts';
import type { Db } from '../src/platform/db.ts';
import type { TestUser } from './app.ts';

let serial = 900_000;

/** Raw company input as a form or the API would send it; override what the test cares about. */
export function companyData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    orgNumber: fictitiousOrgNumber(serial),
    name: `Testbolaget ${serial} AB`,
    sniCode: '25620',
    status: 'active',
    foundVia: 'municipality',
    employeesWomen: 4,
    employeesMen: 11,
    turnoverTsek: 24_000,
    balanceTsek: 12_000,
    partOfGroup: false,
    workplaces: [
      {
        name: 'Fabriken',
        street: 'Industrigatan 1',
        postalCode: '341 30',
        city: 'Ljungby',
        municipalityCode: '0781',
      },
    ],
    contacts: [
      { name: 'Karin Kontakt', roleTitle: 'VD', email: `karin.${serial}@example.test`, phone: '070-1234567' },
    ],
    ...overrides,
  };
}

/** Register a company through the service as the given (staff) user. */
export async function makeCompany(
  db: Db,
  by: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const actor = await actorForUser(db, by.id, 'session');
  if (!actor) throw new Error('no actor');
  const input: CompanyInput = companyInput.parse(companyData(overrides));
  return createCompany(db, { actor, ip: '127.0.0.1' }, input);
}
