import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, failure, makeUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { auditTrail } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { type Db, pgCode } from '../../platform/db.ts';
import {
  commonMethodV1,
  compareCore,
  copyToDraft,
  ensureCommonInstrument,
  getInstrument,
  listInstruments,
  publish,
  updateDraft,
} from './index.ts';

let db: Db;
let admin: Actor;
let officer: Actor;
let otherAdmin: Actor;
let nationalId: string;

const actor = (userId: string): Promise<Actor> => actorOf(db, userId);

async function dbError(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return pgCode(err);
  }
  return 'no error';
}

beforeAll(async () => {
  db = await testDb();
  admin = await actor((await makeUser(db, [{ role: 'region_admin', org: 'region' }])).id);
  officer = await actor((await makeUser(db, [{ role: 'municipality_officer', org: '0781' }])).id);
  otherAdmin = await actor(
    (await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '12' })).id,
  );
  nationalId = await ensureCommonInstrument(db);
});
afterAll(async () => {
  await db.close();
});

describe('the national common method', () => {
  it('is stored once, published, however often it is ensured', async () => {
    expect(await ensureCommonInstrument(db)).toBe(nationalId);
    const rows = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM mapping_instruments WHERE region_id IS NULL GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'published', n: 1 }]);
    const row = await getInstrument(db, officer, nationalId);
    expect(row.regionId).toBeNull();
    expect(row.definition.title.sv).toBe('Gemensam kartläggningsmetod, version 1');
    expect(row.publishedAt).not.toBeNull();
  });

  it('the database refuses to change or delete a published version', async () => {
    expect(
      await dbError(
        db.query(
          `UPDATE mapping_instruments SET definition = jsonb_set(definition, '{title,sv}', '"X"') WHERE id = $1`,
          [nationalId],
        ),
      ),
    ).toBe('42501');
    expect(
      await dbError(db.query(`UPDATE mapping_instruments SET status = 'draft' WHERE id = $1`, [nationalId])),
    ).toBe('42501');
    expect(await dbError(db.query('DELETE FROM mapping_instruments WHERE id = $1', [nationalId]))).toBe(
      '42501',
    );
    const [row] = await db.query<{ title: string }>(
      `SELECT definition->'title'->>'sv' AS title FROM mapping_instruments WHERE id = $1`,
      [nationalId],
    );
    expect(row?.title).toBe('Gemensam kartläggningsmetod, version 1');
  });
});

describe('a region makes its own version', () => {
  let draftId: string;

  it('a region admin copies, edits and publishes; the core stays comparable', async () => {
    draftId = await copyToDraft(db, admin, nationalId);
    const draft = await getInstrument(db, admin, draftId);
    expect(draft).toMatchObject({
      status: 'draft',
      key: 'common-method',
      version: 2,
      regionId: admin.memberships[0]?.regionId,
    });
    expect(draft.definition.version).toBe(2);

    const edited = structuredClone(draft.definition);
    edited.title = { sv: 'Kartläggningsmetod för Kronoberg', en: 'Mapping method for Kronoberg' };
    edited.sections[2]?.questions.push({
      key: 'localPriority',
      type: 'longText',
      required: false,
      label: {
        sv: 'Vad vill ni att regionen prioriterar?',
        en: 'What do you want the region to prioritise?',
      },
    });
    await updateDraft(db, admin, draftId, edited);
    // The database still lets a draft be changed directly.
    await db.query(`UPDATE mapping_instruments SET created_at = created_at WHERE id = $1`, [draftId]);
    await publish(db, admin, draftId);

    const published = await getInstrument(db, admin, draftId);
    expect(published.status).toBe('published');
    expect(published.definition.title.sv).toBe('Kartläggningsmetod för Kronoberg');
    const national = await getInstrument(db, admin, nationalId);
    expect(compareCore(national.definition, published.definition).comparable).toBe(true);

    const trail = await auditTrail(db, 'mapping_instrument', draftId);
    expect(trail.map((a) => a.action).sort()).toEqual([
      'mapping_instrument.copy',
      'mapping_instrument.publish',
      'mapping_instrument.update',
    ]);

    // A published version cannot be edited or published again; the next copy is version 3.
    expect((await failure(updateDraft(db, admin, draftId, edited))).code).toBe('CONFLICT');
    expect((await failure(publish(db, admin, draftId))).code).toBe('CONFLICT');
    expect((await failure(updateDraft(db, admin, nationalId, edited))).code).toBe('CONFLICT');
    expect(await dbError(db.query(`DELETE FROM mapping_instruments WHERE id = $1`, [draftId]))).toBe('42501');
    const next = await copyToDraft(db, admin, draftId);
    expect((await getInstrument(db, admin, next)).version).toBe(3);
  });

  it('an invalid definition is refused with field errors', async () => {
    const id = await copyToDraft(db, admin, nationalId);
    const bad = structuredClone(commonMethodV1) as unknown as {
      levelScale: { value: number }[];
      sections: { questions: { key: string; options?: unknown[] }[] }[];
    };
    const drivers = bad.sections[2]?.questions[1];
    const first = bad.sections[2]?.questions[0];
    if (!drivers || !first) throw new Error('fixture');
    drivers.options = [];
    first.key = 'Not a key';
    const err = await failure(updateDraft(db, admin, id, bad));
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual(
      expect.arrayContaining([
        { field: 'sections.2.questions.0.key', message: 'mapping.instrument.keyFormat' },
      ]),
    );
    first.key = 'goals';
    const err2 = await failure(updateDraft(db, admin, id, bad));
    expect(err2.fields).toEqual([
      { field: 'sections.2.questions.1.options', message: 'mapping.instrument.optionsRequired' },
    ]);
    expect((await failure(updateDraft(db, admin, id, 'nonsense'))).code).toBe('VALIDATION');
    expect((await getInstrument(db, admin, id)).status).toBe('draft');
  });

  it('an officer may read but never manage (FORBIDDEN), and never sees drafts', async () => {
    expect((await failure(copyToDraft(db, officer, nationalId))).code).toBe('FORBIDDEN');
    const draftOfRegion = await copyToDraft(db, admin, nationalId);
    expect((await failure(updateDraft(db, officer, draftOfRegion, commonMethodV1))).code).toBe('FORBIDDEN');
    expect((await failure(publish(db, officer, draftOfRegion))).code).toBe('FORBIDDEN');
    expect((await failure(getInstrument(db, officer, draftOfRegion))).code).toBe('NOT_FOUND');
    const list = await listInstruments(db, officer);
    expect(list.every((i) => i.status !== 'draft')).toBe(true);
    expect(list.map((i) => i.id)).toEqual(expect.arrayContaining([nationalId, draftId]));
  });

  it("another region's admin gets NOT_FOUND for the region's instruments and sees only the national one", async () => {
    const draftOfRegion = await copyToDraft(db, admin, nationalId);
    for (const call of [
      () => getInstrument(db, otherAdmin, draftOfRegion),
      () => copyToDraft(db, otherAdmin, draftOfRegion),
      () => updateDraft(db, otherAdmin, draftOfRegion, commonMethodV1),
      () => publish(db, otherAdmin, draftOfRegion),
      () => getInstrument(db, otherAdmin, draftId),
      () => getInstrument(db, otherAdmin, '00000000-0000-0000-0000-000000000000'),
      () => getInstrument(db, otherAdmin, 'not-a-uuid'),
    ])
      expect((await failure(call())).code).toBe('NOT_FOUND');
    expect((await listInstruments(db, otherAdmin)).map((i) => i.id)).toEqual([nationalId]);
    // Their own copy of the national method starts at version 2 in their region.
    const own = await copyToDraft(db, otherAdmin, nationalId);
    expect((await getInstrument(db, otherAdmin, own)).version).toBe(2);
  });

  it('lists national and own instruments for the admin, drafts included', async () => {
    const list = await listInstruments(db, admin);
    expect(list[0]).toMatchObject({ id: nationalId, regionId: null, status: 'published' });
    expect(list[0]?.title.en).toBe('Common mapping method, version 1');
    expect(list.some((i) => i.status === 'draft')).toBe(true);
    expect(list.every((i) => i.regionId === null || i.regionId === admin.memberships[0]?.regionId)).toBe(
      true,
    );
  });
});
