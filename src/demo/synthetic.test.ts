import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDb } from '../../test/db.ts';
import { companyInput } from '../domains/companies/index.ts';
import { classifySme } from '../domains/companies/sme.ts';
import type { Db } from '../platform/db.ts';
import { parseOrgNumber } from '../platform/identifiers.ts';
import { kronobergWeights } from './generate.ts';
import { type SyntheticContext, seedSynthetic, syntheticCompany, syntheticId } from './synthetic.ts';

const ctx: SyntheticContext = {
  seed: 7,
  regionId: randomUUID(),
  municipalities: kronobergWeights.map(([code, weight]) => ({
    code,
    city: `Ort ${code}`,
    weight,
    orgId: randomUUID(),
  })),
};

describe('syntheticCompany', () => {
  it('is a pure function of seed and serial', () => {
    expect(syntheticCompany(ctx, 42)).toEqual(syntheticCompany(ctx, 42));
    expect(syntheticCompany(ctx, 42).id).not.toBe(syntheticCompany(ctx, 43).id);
    expect(syntheticCompany({ ...ctx, seed: 8 }, 42)).not.toEqual(syntheticCompany(ctx, 42));
  });

  it('gives valid input a form or the API would accept, with a Luhn-valid fictitious organisationsnummer', () => {
    for (let serial = 0; serial < 300; serial++) {
      const c = syntheticCompany(ctx, serial);
      expect(c.orgNumber).toMatch(/^502\d{3}-\d{4}$/);
      expect(parseOrgNumber(c.orgNumber)).toEqual({ ok: true, value: c.orgNumber, soleTrader: false });
      const parsed = companyInput.safeParse(c);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(c.contacts).toHaveLength(1);
      expect(c.workplaces.length).toBeGreaterThanOrEqual(1);
      expect(new Set(c.workplaces.map((w) => w.municipalityCode)).size).toBe(c.workplaces.length);
      expect(c.ownerOrgId).toBe(
        ctx.municipalities.find((m) => m.code === c.workplaces[0].municipalityCode)?.orgId,
      );
      expect(c.updatedAt >= c.createdAt).toBe(true);
    }
  });

  it('spreads workplaces by population and leans to manufacturing', () => {
    const n = 5000;
    const companies = Array.from({ length: n }, (_, serial) => syntheticCompany(ctx, serial));
    const total = kronobergWeights.reduce((s, [, w]) => s + w, 0);
    for (const [code, weight] of kronobergWeights) {
      const share = companies.filter((c) => c.workplaces[0].municipalityCode === code).length / n;
      expect(share).toBeCloseTo(weight / total, 1);
    }
    const manufacturing = companies.filter(
      (c) => Number(c.sniCode?.slice(0, 2)) >= 10 && Number(c.sniCode?.slice(0, 2)) <= 33,
    );
    expect(manufacturing.length / n).toBeGreaterThan(0.6);
    expect(new Set(companies.map((c) => c.status))).toEqual(
      new Set(['interested', 'eligible', 'active', 'closed']),
    );
    expect(new Set(companies.map((c) => c.name)).size).toBeGreaterThan(n / 2);
  });
});

describe('syntheticId', () => {
  it('is a deterministic UUID (version 8), distinct per serial and part', () => {
    const ids = [syntheticId(1, 'company'), syntheticId(2, 'company'), syntheticId(1, 'contact:0')];
    expect(new Set(ids).size).toBe(3);
    expect(syntheticId(1, 'company')).toBe(ids[0]);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.string().uuid().safeParse(id).success).toBe(true);
    }
  });
});

describe('seedSynthetic', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('bulk-loads companies with derived columns, and a second run continues the series', async () => {
    const first = await seedSynthetic(db, { companies: 250, batchSize: 100 });
    expect(first).toMatchObject({ inserted: 250, firstSerial: 0, lastSerial: 249 });
    const second = await seedSynthetic(db, { companies: 40, seed: 99 });
    expect(second).toMatchObject({ inserted: 40, firstSerial: 250, lastSerial: 289 });

    const [counts] = await db.query<{
      companies: number;
      workplaces: number;
      contacts: number;
      numbers: number;
    }>(
      `SELECT (SELECT count(*)::int FROM companies) AS companies, (SELECT count(*)::int FROM company_workplaces) AS workplaces,
              (SELECT count(*)::int FROM company_contacts) AS contacts, (SELECT count(DISTINCT org_number)::int FROM companies) AS numbers`,
    );
    expect(counts.companies).toBe(290);
    expect(counts.numbers).toBe(290);
    expect(counts.contacts).toBe(290);
    expect(counts.workplaces).toBeGreaterThanOrEqual(290);

    const wrongOwner = await db.query(
      `SELECT c.id FROM companies c
         JOIN company_workplaces w ON w.company_id = c.id AND w.position = 0
         JOIN organisations o ON o.id = c.owner_org_id
         JOIN organisations r ON r.id = c.region_id
        WHERE o.kind <> 'municipality' OR o.code <> w.municipality_code OR r.kind <> 'region' OR r.code <> '07'`,
    );
    expect(wrongOwner).toEqual([]);

    const rows = await db.query<{
      employees: number;
      turnover: number | null;
      balance: number | null;
      partOfGroup: boolean;
      groupEmployees: number | null;
      groupTurnover: number | null;
      groupBalance: number | null;
      isSme: boolean;
      smeReason: string;
    }>(
      `SELECT employees_women + employees_men AS employees, turnover_tsek AS turnover, balance_tsek AS balance,
              part_of_group AS "partOfGroup", group_employees AS "groupEmployees", group_turnover_tsek AS "groupTurnover",
              group_balance_tsek AS "groupBalance", is_sme AS "isSme", sme_reason AS "smeReason" FROM companies`,
    );
    for (const r of rows) {
      const expected = classifySme({
        employees: r.employees,
        turnoverTsek: r.turnover,
        balanceTsek: r.balance,
        partOfGroup: r.partOfGroup,
        groupEmployees: r.groupEmployees,
        groupTurnoverTsek: r.groupTurnover,
        groupBalanceTsek: r.groupBalance,
      });
      expect({ isSme: r.isSme, reason: r.smeReason }).toEqual(expected);
    }
  });

  it('spreads over another county evenly and refuses to run past the end of the series', async () => {
    await seedSynthetic(db, { companies: 30, county: '08' });
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM company_workplaces w JOIN ref_municipalities m ON m.code = w.municipality_code
        WHERE m.county_code = '08'`,
    );
    expect(n).toBeGreaterThanOrEqual(30);
    await expect(seedSynthetic(db, { companies: 1_000_000 })).rejects.toThrow(/room for/);
  });
});
