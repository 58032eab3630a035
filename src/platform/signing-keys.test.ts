import { createPublicKey, sign, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYRING } from '../../test/app.ts';
import { testDb } from '../../test/db.ts';
import type { Db } from './db.ts';
import { parseKeyring } from './secrets.ts';
import {
  currentSigningKey,
  jwkThumbprint,
  publishedJwks,
  resealSigningKeys,
  retireSigningKey,
  signingKeyByKid,
} from './signing-keys.ts';

let db: Db;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = await testDb();
  const rows = await db.query<{ id: string }>(`SELECT id FROM organisations ORDER BY id LIMIT 2`);
  if (rows.length < 2) {
    const region = crypto.randomUUID();
    await db.query(
      `INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'region', 'Region T', $1)`,
      [region],
    );
    const provider = crypto.randomUUID();
    await db.query(
      `INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', 'Anordnare T', $2)`,
      [provider, region],
    );
    orgA = region;
    orgB = provider;
  } else [orgA, orgB] = rows.map((r) => r.id) as [string, string];
});
afterAll(async () => {
  await db.close();
});

describe('signing keys', () => {
  it('creates one Ed25519 key per organisation on first use and returns the same key after', async () => {
    const a1 = await currentSigningKey(db, TEST_KEYRING, 'credentials', orgA);
    const a2 = await currentSigningKey(db, TEST_KEYRING, 'credentials', orgA);
    const b = await currentSigningKey(db, TEST_KEYRING, 'credentials', orgB);
    expect(a1.kid).toBe(a2.kid);
    expect(b.kid).not.toBe(a1.kid);
    expect(a1.alg).toBe('EdDSA');
    expect(a1.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: a1.kid, use: 'sig' });
    expect(a1.kid).toBe(jwkThumbprint(a1.publicJwk));
    // What the private key signs, the published public key verifies.
    const data = Buffer.from('kompetensnavet');
    const signature = sign(null, data, a2.privateKey);
    expect(verify(null, data, createPublicKey({ key: a1.publicJwk, format: 'jwk' }), signature)).toBe(true);
  });

  it('two processes asking at once get the same key (the partial unique index lets one insert win)', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => currentSigningKey(db, TEST_KEYRING, 'lti')));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(keys[0]?.alg).toBe('RS256');
    expect(keys[0]?.publicJwk.kty).toBe('RSA');
  });

  it('publishes public keys only, retired ones too, and filters by purpose and organisation', async () => {
    const before = await currentSigningKey(db, TEST_KEYRING, 'credentials', orgA);
    expect(await retireSigningKey(db, 'credentials', orgA)).toBe(1);
    const after = await currentSigningKey(db, TEST_KEYRING, 'credentials', orgA);
    expect(after.kid).not.toBe(before.kid);
    const all = await publishedJwks(db);
    const kids = all.keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([before.kid, after.kid]));
    for (const k of all.keys) {
      expect(k).not.toHaveProperty('d');
      expect(k).not.toHaveProperty('p');
    }
    const lti = await publishedJwks(db, { purpose: 'lti' });
    expect(lti.keys.every((k) => k.kty === 'RSA')).toBe(true);
    const ofA = await publishedJwks(db, { organisationId: orgA });
    expect(ofA.keys.map((k) => k.kid).sort()).toEqual([before.kid, after.kid].sort());
    expect((await signingKeyByKid(db, TEST_KEYRING, before.kid))?.kid).toBe(before.kid);
    expect(await signingKeyByKid(db, TEST_KEYRING, 'no-such-kid')).toBeNull();
  });

  it('keeps private keys sealed and re-seals them under a new current key', async () => {
    const rows = await db.query<{ private_sealed: Uint8Array }>('SELECT private_sealed FROM signing_keys');
    for (const r of rows) expect(Buffer.from(r.private_sealed).toString('utf8')).not.toContain('PRIVATE');
    const oldLine = `test1:${Buffer.alloc(32, 0x42).toString('base64')}`;
    const rotated = parseKeyring(`test2:${Buffer.alloc(32, 0x43).toString('base64')}\n${oldLine}`);
    const count = await resealSigningKeys(db, rotated);
    expect(count).toBeGreaterThan(0);
    const ids = await db.query<{ sealed_key_id: string }>('SELECT DISTINCT sealed_key_id FROM signing_keys');
    expect(ids.map((r) => r.sealed_key_id)).toEqual(['test2']);
    const key = await currentSigningKey(db, rotated, 'lti');
    expect(key.privateKey.asymmetricKeyType).toBe('rsa');
  });
});
