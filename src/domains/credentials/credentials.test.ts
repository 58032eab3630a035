// Issue 7: an Open Badges 3.0 credential is issued, verifies with an independent verifier (digitalbazaar
// vc + eddsa-rdfc-2022 + Bitstring Status List) and the 1EdTech JSON Schema, its VC-JWT verifies with the
// published JWK (node:crypto), tampering breaks it, issuing is idempotent, and after revocation it fails.
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, makeUser, TEST_KEYRING, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { createProvider, ensureRegion } from '../organisations/index.ts';
import { issueCredential } from './index.ts';
import { standardsDocument } from './service/contexts.ts';
import { achievement, BASE, credentialsTestApp, independentVerify } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let providerOrg: string;
let provider: TestUser;
let learner: TestUser;
let credentialId: string;
interface Doc {
  [key: string]: unknown;
  id: string;
  type: string[];
  credentialSubject: {
    identifier: Record<string, unknown>[];
    achievement: { name: string; creditsAvailable: number; alignment: { targetCode: string }[] };
  };
  proof: { verificationMethod: string }[];
}
let document: Doc;
let jwt: string;
const deps = () => ({ db, keyring: TEST_KEYRING, baseUrl: BASE });

async function api(method: 'GET' | 'POST', url: string, user: TestUser | null, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await apiToken(db, user.id)}`;
  return app.inject({ method, url, headers, payload: payload as object });
}

beforeAll(async () => {
  db = await testDb();
  app = await credentialsTestApp(db);
  const regionId = await ensureRegion(db, '07');
  providerOrg = await createProvider(db, regionId, 'Truckskolan i Ljungby AB', null);
  provider = await makeUser(db, [{ role: 'provider', org: providerOrg }]);
  learner = await makeUser(db, [], { name: 'Lina Lärande' });
  credentialId = (await issueCredential(deps(), {
    organisationId: providerOrg,
    userId: learner.id,
    achievement: achievement(),
    source: { kind: 'training', id: 'b4a1c1de-0000-4000-8000-000000000001' },
  })) as string;
  document = (await api('GET', `/api/v1/my/credentials/${credentialId}`, learner)).json();
  jwt = (await api('GET', `/api/v1/my/credentials/${credentialId}/jwt`, learner)).json().jwt;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('issuing', () => {
  it('builds an OpenBadgeCredential with the achievement, a hashed learner identity and a status entry', () => {
    expect(document.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(document.id).toBe(`${BASE}/credentials/${credentialId}`);
    const subject = document.credentialSubject;
    expect(subject.achievement.alignment.map((a: { targetCode: string }) => a.targetCode)).toEqual([
      'ZVRu_qhT_Mb9',
      'hwxd_HDw_ZQH',
      '3',
    ]);
    expect(subject.achievement.creditsAvailable).toBe(24);
    expect(subject.identifier[0]).toMatchObject({ identityType: 'emailAddress', hashed: true });
    const text = JSON.stringify(document);
    expect(text).not.toContain(learner.email);
    expect(text).not.toContain('Lina');
    expect(document.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: `${BASE}/credentials/status/${providerOrg}`,
    });
  });

  it('is valid against the 1EdTech JSON Schema (draft 2019-09)', () => {
    const ajv = new Ajv2019({ strict: false, validateFormats: false });
    const validate = ajv.compile(standardsDocument('ob_v3p0_achievementcredential_schema.json') as object);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is idempotent per source', async () => {
    const again = await issueCredential(deps(), {
      organisationId: providerOrg,
      userId: learner.id,
      achievement: achievement({ name: 'Something else' }),
      source: { kind: 'training', id: 'b4a1c1de-0000-4000-8000-000000000001' },
    });
    expect(again).toBe(credentialId);
    const rows = await db.query('SELECT id FROM credentials WHERE user_id = $1', [learner.id]);
    expect(rows).toHaveLength(1);
  });
});

describe('publishing', () => {
  it('serves the JWK set, the DID document and the issuer profile', async () => {
    const jwks = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(jwks.statusCode).toBe(200);
    expect(jwks.headers['cache-control']).toContain('max-age');
    const key = jwks
      .json()
      .keys.find((k: { kid: string }) => k.kid === document.proof[0]?.verificationMethod.split('#')[1]);
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(key.d).toBeUndefined();
    const did = await app.inject({ method: 'GET', url: `/issuers/${providerOrg}/did.json` });
    const doc = did.json();
    expect(doc.id).toBe(`did:web:localhost%3A3000:issuers:${providerOrg}`);
    expect(doc.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: doc.id });
    expect(doc.verificationMethod[0].publicKeyMultibase).toMatch(/^z6Mk/);
    expect(doc.assertionMethod).toEqual([doc.verificationMethod[0].id]);
    const profile = (await app.inject({ method: 'GET', url: `/issuers/${providerOrg}` })).json();
    expect(profile).toMatchObject({ id: doc.id, type: ['Profile'], name: 'Truckskolan i Ljungby AB' });
    const unknown = await app.inject({
      method: 'GET',
      url: '/issuers/00000000-0000-4000-8000-000000000000/did.json',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('serves a signed status list of at least 131 072 bits', async () => {
    const res = await app.inject({ method: 'GET', url: `/credentials/status/${providerOrg}` });
    const list = res.json();
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const { gunzipSync } = await import('node:zlib');
    const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url')).length * 8;
    expect(bits).toBeGreaterThanOrEqual(131_072);
  });
});

describe('verification', () => {
  it('verifies with the independent verifier (signature, DID, status list)', async () => {
    const r = await independentVerify(app, document);
    expect(r.verified, JSON.stringify(r.error ?? r)).toBe(true);
    expect(r.statusResult?.revoked).toBe(false);
  });

  it('verifies the VC-JWT with the published JWK through node:crypto', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === header.kid.split('#')[1]);
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(cryptoVerify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    expect(payload.id).toBe(document.id);
    const ours = await api('POST', '/api/v1/credentials/verify', null, { credential: jwt });
    expect(ours.json()).toMatchObject({ verified: true, format: 'jwt' });
  });

  it('fails when the credential is tampered with', async () => {
    const tampered = structuredClone(document);
    tampered.credentialSubject.achievement.name = 'Kranförare';
    expect((await independentVerify(app, tampered)).verified).toBe(false);
    const ours = await api('POST', '/api/v1/credentials/verify', null, { credential: tampered });
    expect(ours.json()).toMatchObject({ verified: false, checks: { signature: false } });
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${s}`;
    const ours2 = await api('POST', '/api/v1/credentials/verify', null, { credential: forged });
    expect(ours2.json()).toMatchObject({ verified: false, checks: { signature: false } });
  });

  it('after revocation by the provider, verification fails on the status list', async () => {
    const ours = await api('POST', '/api/v1/credentials/verify', null, { credential: document });
    expect(ours.json()).toMatchObject({ verified: true, format: 'ldp' });
    const other = await makeUser(db, [
      { role: 'provider', org: await createProvider(db, await ensureRegion(db, '07'), 'Annan AB', null) },
    ]);
    const denied = await api('POST', `/api/v1/credentials/issued/${credentialId}/revoke`, other, {
      reason: 'x',
    });
    expect(denied.statusCode).toBe(404);
    const learnerTry = await api('POST', `/api/v1/credentials/issued/${credentialId}/revoke`, learner, {
      reason: 'x',
    });
    expect(learnerTry.statusCode).toBe(403);
    const bad = await api('POST', `/api/v1/credentials/issued/${credentialId}/revoke`, provider, {
      reason: '',
    });
    expect(bad.statusCode).toBe(422);
    const res = await api('POST', `/api/v1/credentials/issued/${credentialId}/revoke`, provider, {
      reason: 'Utfärdat av misstag',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', revocationReason: 'Utfärdat av misstag' });
    const r = await independentVerify(app, document);
    expect(r.verified).toBe(false);
    expect(r.statusResult?.revoked).toBe(true);
    const after = await api('POST', '/api/v1/credentials/verify', null, { credential: document });
    expect(after.json()).toMatchObject({ verified: false, checks: { signature: true, notRevoked: false } });
    const audit = await db.query<{ details: object }>(
      `SELECT details FROM audit_log WHERE action = 'credentials.revoked' AND entity_id = $1`,
      [credentialId],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.details)).not.toContain('misstag');
  });
});
