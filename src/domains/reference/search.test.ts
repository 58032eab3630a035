import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { searchCompetences, searchSsyk } from './index.ts';
import { foldedQuery, foldSearchText } from './service/codes.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const codes = (items: { code: string }[]) => items.map((i) => i.code);
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('folded search text', () => {
  it('folds case, diacritics, hyphens and spaces', () => {
    expect(foldSearchText('CNC-operatör')).toBe('cnc operator');
    expect(foldSearchText('  Truckförare, Ålänning/Café ')).toBe('truckforare alanning cafe');
    expect(foldedQuery('Montör  el-')).toEqual({ phrase: 'montor el', words: ['montor', 'el'] });
    expect(foldedQuery('%_\\')).toBeNull();
  });

  it('folds like the database does, for every name', async () => {
    const rows = await db.query<{ name: string; fold: string }>(
      `SELECT name_sv AS name, name_fold AS fold FROM ref_competences
       UNION ALL SELECT name_sv, name_fold FROM ref_occupation_names
       UNION ALL SELECT title_sv, title_fold FROM ref_occupation_titles_scb
       UNION ALL SELECT name_sv, name_fold FROM ref_ssyk`,
    );
    expect(rows.length).toBeGreaterThan(17_000);
    expect(rows.filter((r) => foldSearchText(r.name) !== r.fold)).toEqual([]);
  });
});

describe('searching what people type', () => {
  it('finds occupations by prefix, without diacritics and across hyphens', async () => {
    // "svets": the group of the occupation name Svetsare first.
    expect(codes(await searchSsyk(db, 'svets')).slice(0, 3)).toContain('7212');
    const montor = (await searchSsyk(db, 'montor')).slice(0, 3);
    expect(montor.every((h) => /montör/i.test(h.matchedName))).toBe(true);
    for (const q of ['CNC-operatör', 'cnc operator', 'cnc-operator'])
      expect((await searchSsyk(db, q))[0]).toMatchObject({ code: '7223', matchedName: 'CNC-operatör' });
    expect((await searchSsyk(db, 'truckforare'))[0]).toMatchObject({ code: '8344' });
    expect(names(await searchSsyk(db, 'truckforare'))).toContain('Truckförare');
  });

  it('finds a compound and a typo', async () => {
    expect((await searchCompetences(db, 'lasersvets'))[0]?.name).toBe('Lasersvetsning');
    // There is no competence "Kvalitetsteknik"; the closest real ones are Kvalitets… (kontroll, säkring …).
    const quality = names(await searchCompetences(db, 'kvalitetstekink', 3));
    expect(quality).toContain('Kvalitetskontroll');
    expect(quality.every((n) => n.startsWith('Kvalitets'))).toBe(true);
    expect((await searchSsyk(db, 'kvalitetstekink', 3))[0]?.matchedName).toMatch(/Kvalitetstekniker/);
  });

  it('ranks deterministically', async () => {
    expect(await searchCompetences(db, 'montor', 10)).toEqual(await searchCompetences(db, 'Montör', 10));
    expect(await searchSsyk(db, 'svets', 10)).toEqual(await searchSsyk(db, 'SVETS', 10));
  });
});
