// Registration of ESF participants: sealed identities, duplicates by keyed hash, derived gender and age,
// eligibility, start from the first activity, closing with the end rules, reveal audited (ESF admin only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, makeUser, TEST_KEYRING } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { parseKeyring } from '../../platform/secrets.ts';
import { closeInput, participantInput } from './schema.ts';
import { resealAll, revealIdentity } from './service/identity.ts';
import {
  closeParticipant,
  getParticipant,
  listParticipants,
  registerParticipant,
} from './service/participants.ts';
import {
  addAttendance,
  type EsfSetup,
  esfSetup,
  fictitiousPersonnummer,
  makeParticipant,
} from './test-support.ts';

let db: Db;
let s: EsfSetup;
const ctx = () => ({ actor: s.adminActor, ip: '127.0.0.1' });

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
});
afterAll(async () => {
  await db?.close();
});

async function fieldsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION')
      return (err.fields ?? []).map((f) => `${f.field}:${f.message}`);
    throw err;
  }
  throw new Error('no validation error');
}

describe('ESF participants', () => {
  it('seals the number, shows it masked, derives gender and age, and finds a duplicate without decrypting', async () => {
    const pnr = fictitiousPersonnummer({ gender: 'woman', birth: '1990-05-15' });
    const { id } = await makeParticipant(db, s, { personnummer: pnr, startedOn: '2026-01-10' });
    const [row] = await db.query<{ sealed: Uint8Array; masked: string; lookup: string }>(
      'SELECT sealed, masked, lookup_hash AS lookup FROM esf_identities WHERE participant_id = $1',
      [id],
    );
    expect(row?.masked).toBe('19900515-****');
    expect(Buffer.from(row?.sealed ?? []).toString('latin1')).not.toContain(pnr.slice(9));
    expect(row?.lookup).not.toContain(pnr.replace('-', ''));
    const p = await getParticipant(db, ctx(), id);
    expect(p).toMatchObject({
      gender: 'woman',
      ageAtStart: 35,
      masked: '19900515-****',
      startedOn: '2026-01-10',
    });
    // The same person in 10-digit form is a duplicate.
    const ten = pnr.slice(2);
    expect(await fieldsOf(makeParticipant(db, s, { personnummer: ten }))).toContain(
      'personnummer:esf.participant.pnr.duplicate',
    );
  });

  it('names every problem of a bad registration at its field', async () => {
    const input = participantInput.parse({
      source: 'manual',
      companyId: s.companyId,
      personnummer: '19900515-1235',
      firstName: 'A',
      lastName: 'B',
    });
    const fields = await fieldsOf(registerParticipant(db, TEST_KEYRING, ctx(), input));
    expect(fields).toEqual(
      expect.arrayContaining([
        'personnummer:esf.participant.pnr.checksum',
        'managerName:esf.participant.managerNeeded',
        'eligibilityConfirmed:esf.participant.confirmEligibility',
        'informationAcknowledged:esf.participant.confirmInformation',
      ]),
    );
    expect((await db.query('SELECT 1 FROM esf_participants WHERE first_name = $1', ['A'])).length).toBe(0);
  });

  it('a protected identity needs the gender given; a company outside the SME rule is refused', async () => {
    const base = {
      source: 'manual',
      companyId: s.companyId,
      personnummer: '19850312-T123',
      firstName: 'Skyddad',
      lastName: 'Person',
      managerContactId: s.contactId,
      informationAcknowledged: 'on',
      eligibilityConfirmed: 'on',
    };
    expect(
      await fieldsOf(registerParticipant(db, TEST_KEYRING, ctx(), participantInput.parse(base))),
    ).toEqual(['gender:esf.participant.genderNeeded']);
    const { id } = await registerParticipant(
      db,
      TEST_KEYRING,
      ctx(),
      participantInput.parse({ ...base, gender: 'woman' }),
    );
    expect(await getParticipant(db, ctx(), id)).toMatchObject({
      protectedIdentity: true,
      identityKind: 'protected',
    });
    const big = await makeCompany(db, s.officer, { employeesWomen: 200, employeesMen: 300 });
    expect(await fieldsOf(makeParticipant(db, s, { companyId: big }))).toContain(
      'companyId:esf.participant.notSme',
    );
  });

  it('start = first activity when not given; closing refuses an end before the last activity', async () => {
    const { id } = await makeParticipant(db, s, { startedOn: null });
    expect((await getParticipant(db, ctx(), id)).startedOn).toBeNull();
    await addAttendance(db, s, id, [
      { date: '2026-03-02', minutes: 200 },
      { date: '2026-03-09', minutes: 20 },
    ]);
    const list = await listParticipants(db, ctx(), { status: 'all' });
    expect(list.rows.find((r) => r.id === id)?.lastActivity).toBe('2026-03-09');
    const { id: id2 } = await makeParticipant(db, s, { startedOn: null });
    await addAttendance(db, s, id2, [{ date: '2026-04-01', minutes: 60 }]);
    const { id: idle } = await makeParticipant(db, s, { startedOn: null });
    const { syncStarts } = await import('./service/participants.ts');
    const { pendingStartIds } = await import('./repo-participants.ts');
    // Only participants without a start who have an activity wait for one (not the idle one, not the started).
    expect(await pendingStartIds(db, list.programme.id)).toEqual([id2]);
    // Listing set the first one's start; the second one's activity came after the list.
    expect(await syncStarts(db, list.programme)).toBe(1);
    expect(await pendingStartIds(db, list.programme.id)).toEqual([]);
    expect((await getParticipant(db, ctx(), id2)).startedOn).toBe('2026-04-01');
    expect((await getParticipant(db, ctx(), idle)).startedOn).toBeNull();
    const p = await getParticipant(db, ctx(), id);
    expect(p.startedOn).toBe('2026-03-02');
    expect(
      await fieldsOf(
        closeParticipant(db, ctx(), id, closeInput.parse({ endedOn: '2026-03-05', version: p.version })),
      ),
    ).toEqual(['endedOn:esf.participant.endBeforeActivity']);
    await closeParticipant(db, ctx(), id, closeInput.parse({ endedOn: '2026-03-09', version: p.version }));
    expect((await getParticipant(db, ctx(), id)).endedOn).toBe('2026-03-09');
    await expect(
      closeParticipant(db, ctx(), id, closeInput.parse({ endedOn: '2026-03-09', version: p.version })),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('only an ESF administrator reveals, and every reveal is audited', async () => {
    const pnr = fictitiousPersonnummer({ gender: 'man' });
    const { id } = await makeParticipant(db, s, { personnummer: pnr });
    expect(await revealIdentity(db, TEST_KEYRING, ctx(), id)).toBe(pnr);
    const audits = await db.query(
      "SELECT 1 FROM audit_log WHERE action = 'esf.identity.reveal' AND entity_id = $1",
      [id],
    );
    expect(audits).toHaveLength(1);
    const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    await expect(
      revealIdentity(db, TEST_KEYRING, { actor: await actorOf(db, admin.id), ip: '127.0.0.1' }, id),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A wrong key is a clear error, never garbage.
    const wrong = parseKeyring(`test1:${Buffer.alloc(32, 1).toString('base64')}`);
    await expect(revealIdentity(db, wrong, ctx(), id)).rejects.toThrow(/does not open/);
  });

  it('re-seals every identity under a new current key; duplicates are still found', async () => {
    const pnr = fictitiousPersonnummer();
    const { id } = await makeParticipant(db, s, { personnummer: pnr });
    const [[oldId, oldKey]] = [...TEST_KEYRING.keys.entries()] as [[string, Buffer]];
    const rotated = parseKeyring(
      `test2:${Buffer.alloc(32, 0x43).toString('base64')}\n${oldId}:${oldKey.toString('base64')}`,
    );
    expect(await resealAll(db, rotated)).toBeGreaterThanOrEqual(1);
    expect(await revealIdentity(db, rotated, ctx(), id)).toBe(pnr);
    const [row] = await db.query<{ keyId: string }>(
      'SELECT key_id AS "keyId" FROM esf_identities WHERE participant_id = $1',
      [id],
    );
    expect(row?.keyId).toBe('test2');
    // Put the test key back for the other tests in this file.
    await resealAll(
      db,
      parseKeyring(
        `${oldId}:${oldKey.toString('base64')}\ntest2:${Buffer.alloc(32, 0x43).toString('base64')}`,
      ),
    );
  });
});
