import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { Db } from './db.ts';
import { type Keyring, seal, unseal } from './secrets.ts';

/**
 * Signing keys: Ed25519 per issuing organisation (Open Badges credentials) and one RSA key of the
 * installation (LTI 1.3 id_tokens). Created on first use; private keys sealed with the key ring; public keys
 * published as one JWK set. See migrations/0019_signing_keys.sql.
 */
export type KeyPurpose = 'credentials' | 'lti';

export interface SigningKey {
  kid: string;
  alg: 'EdDSA' | 'RS256';
  purpose: KeyPurpose;
  organisationId: string | null;
  privateKey: KeyObject;
  /** The public JWK with kid, alg and use set. */
  publicJwk: PublicJwk;
}

export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: string;
  use: 'sig';
}

interface KeyRow {
  kid: string;
  purpose: KeyPurpose;
  organisation_id: string | null;
  alg: 'EdDSA' | 'RS256';
  public_jwk: PublicJwk;
  sealed_key_id: string;
  private_sealed: Uint8Array;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

function aad(kid: string): string {
  return `signing_keys:${kid}`;
}

function fromRow(keyring: Keyring, row: KeyRow): SigningKey {
  const der = unseal(keyring, row.sealed_key_id, Buffer.from(row.private_sealed), aad(row.kid));
  return {
    kid: row.kid,
    alg: row.alg,
    purpose: row.purpose,
    organisationId: row.organisation_id,
    privateKey: createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' }),
    publicJwk: row.public_jwk,
  };
}

function generate(purpose: KeyPurpose): { alg: 'EdDSA' | 'RS256'; privateKey: KeyObject; jwk: JsonWebKey } {
  const pair =
    purpose === 'lti' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  return {
    alg: purpose === 'lti' ? 'RS256' : 'EdDSA',
    privateKey: pair.privateKey,
    jwk: pair.publicKey.export({ format: 'jwk' }),
  };
}

const COLUMNS = 'kid, purpose, organisation_id, alg, public_jwk, sealed_key_id, private_sealed';

/**
 * The current key for a purpose (and organisation, for credentials), created on first use. Safe when two
 * processes ask at once: the partial unique index lets one insert win and both read the same key.
 */
export async function currentSigningKey(
  db: Db,
  keyring: Keyring,
  purpose: KeyPurpose,
  organisationId: string | null = null,
): Promise<SigningKey> {
  const find = async () =>
    (
      await db.query<KeyRow>(
        `SELECT ${COLUMNS} FROM signing_keys
          WHERE purpose = $1 AND organisation_id IS NOT DISTINCT FROM $2 AND retired_at IS NULL`,
        [purpose, organisationId],
      )
    )[0];
  const existing = await find();
  if (existing) return fromRow(keyring, existing);
  const { alg, privateKey, jwk } = generate(purpose);
  const kid = jwkThumbprint(jwk);
  const publicJwk: PublicJwk = { ...jwk, kid, alg, use: 'sig' };
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const sealed = seal(keyring, der, aad(kid));
  await db.query(
    `INSERT INTO signing_keys (kid, purpose, organisation_id, alg, public_jwk, sealed_key_id, private_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [kid, purpose, organisationId, alg, JSON.stringify(publicJwk), sealed.keyId, sealed.sealed],
  );
  const row = await find();
  if (!row) throw new Error('signing key missing after insert');
  return fromRow(keyring, row);
}

/** A key by its kid (current or retired), or null. */
export async function signingKeyByKid(db: Db, keyring: Keyring, kid: string): Promise<SigningKey | null> {
  const rows = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE kid = $1`, [kid]);
  return rows[0] ? fromRow(keyring, rows[0]) : null;
}

/** Every public key (retired ones too: what they signed still verifies), for /.well-known/jwks.json. */
export async function publishedJwks(
  db: Db,
  filter: { purpose?: KeyPurpose; organisationId?: string } = {},
): Promise<{ keys: PublicJwk[] }> {
  const rows = await db.query<{ public_jwk: PublicJwk }>(
    `SELECT public_jwk FROM signing_keys
      WHERE ($1::text IS NULL OR purpose = $1) AND ($2::uuid IS NULL OR organisation_id = $2)
      ORDER BY created_at, kid`,
    [filter.purpose ?? null, filter.organisationId ?? null],
  );
  return { keys: rows.map((r) => r.public_jwk) };
}

/** Retire the current key of a purpose/organisation: the next signature creates a new one. */
export async function retireSigningKey(
  db: Db,
  purpose: KeyPurpose,
  organisationId: string | null = null,
): Promise<number> {
  const rows = await db.query(
    `UPDATE signing_keys SET retired_at = now()
      WHERE purpose = $1 AND organisation_id IS NOT DISTINCT FROM $2 AND retired_at IS NULL RETURNING kid`,
    [purpose, organisationId],
  );
  return rows.length;
}

/** Re-seal every private key under the key ring's current key (`npm run esf:reseal`). */
export async function resealSigningKeys(db: Db, keyring: Keyring): Promise<number> {
  const rows = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM signing_keys WHERE sealed_key_id <> $1`, [
    keyring.currentId,
  ]);
  for (const row of rows) {
    const der = unseal(keyring, row.sealed_key_id, Buffer.from(row.private_sealed), aad(row.kid));
    const sealed = seal(keyring, der, aad(row.kid));
    await db.query('UPDATE signing_keys SET sealed_key_id = $2, private_sealed = $3 WHERE kid = $1', [
      row.kid,
      sealed.keyId,
      sealed.sealed,
    ]);
  }
  return rows.length;
}
