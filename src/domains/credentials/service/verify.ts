// The product's own verifier (public verification page and POST /api/v1/credentials/verify): a credential as
// JSON-LD with a Data Integrity proof, or as a VC-JWT. Checks the 1EdTech schema, that the issuer is one of
// our organisations with the signing key named by the proof, the signature, the validity period and the
// revocation bit of the issuer's status list (read from the issuer's own records).
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-credentials.ts';
import { organisationOfDid, organisationOfStatusList } from './issuer.ts';
import { type JsonObject, proofsOf, publicKeyOf, verifyProof } from './proof.ts';
import { schemaErrors } from './schema-check.ts';

export interface VerificationResult {
  verified: boolean;
  format: 'ldp' | 'jwt' | null;
  credentialId: string | null;
  checks: {
    /** Valid against the Open Badges 3.0 JSON Schema. */
    schema: boolean;
    /** The issuer is one of this installation's organisations and the key is one of its keys. */
    issuerKnown: boolean;
    signature: boolean;
    /** Within validFrom / validUntil. */
    valid: boolean;
    /** Not revoked in the issuer's status list (false when revoked or without a status entry of ours). */
    notRevoked: boolean;
  };
}

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

function issuerId(doc: JsonObject): string | null {
  const issuer = doc.issuer;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : null;
}

function withinValidity(doc: JsonObject, now: Date): boolean {
  const from = typeof doc.validFrom === 'string' ? Date.parse(doc.validFrom) : Number.NaN;
  if (Number.isNaN(from) || from > now.getTime()) return false;
  if (doc.validUntil === undefined) return true;
  const until = typeof doc.validUntil === 'string' ? Date.parse(doc.validUntil) : Number.NaN;
  return !Number.isNaN(until) && until >= now.getTime();
}

async function notRevoked(
  db: Db,
  baseUrl: string,
  doc: JsonObject,
  organisationId: string,
): Promise<boolean> {
  const status = doc.credentialStatus;
  if (
    !isObject(status) ||
    status.type !== 'BitstringStatusListEntry' ||
    status.statusPurpose !== 'revocation'
  )
    return false;
  if (typeof status.statusListCredential !== 'string' || typeof status.statusListIndex !== 'string')
    return false;
  if (organisationOfStatusList(baseUrl, status.statusListCredential) !== organisationId) return false;
  const index = Number(status.statusListIndex);
  if (!Number.isInteger(index) || index < 0) return false;
  return !(await repo.isRevokedAt(db, organisationId, index));
}

/** The organisation and public key of a verification method of ours that matches the issuer, else null. */
async function methodKey(db: Db, baseUrl: string, doc: JsonObject, method: unknown) {
  if (typeof method !== 'string') return null;
  const organisationId = organisationOfDid(baseUrl, method);
  const issuer = issuerId(doc);
  if (!organisationId || !issuer || issuer !== method.split('#')[0]) return null;
  const kid = method.slice(method.indexOf('#') + 1);
  const jwk = method.includes('#') ? await repo.credentialKey(db, organisationId, kid) : null;
  return jwk ? { organisationId, key: publicKeyOf(jwk) } : null;
}

const failed = (format: VerificationResult['format']): VerificationResult => ({
  verified: false,
  format,
  credentialId: null,
  checks: { schema: false, issuerKnown: false, signature: false, valid: false, notRevoked: false },
});

async function finish(
  db: Db,
  baseUrl: string,
  doc: JsonObject,
  format: 'ldp' | 'jwt',
  organisationId: string | null,
  signature: boolean,
  now: Date,
): Promise<VerificationResult> {
  const checks = {
    schema: schemaErrors(doc).length === 0,
    issuerKnown: organisationId !== null,
    signature,
    valid: withinValidity(doc, now),
    notRevoked: organisationId ? await notRevoked(db, baseUrl, doc, organisationId) : false,
  };
  return {
    verified: Object.values(checks).every(Boolean),
    format,
    credentialId: typeof doc.id === 'string' ? doc.id : null,
    checks,
  };
}

/** Verify a credential given as a JSON object (Data Integrity proof) or a VC-JWT string. */
export async function verifyCredential(
  deps: { db: Db; baseUrl: string },
  input: unknown,
  now = new Date(),
): Promise<VerificationResult> {
  const { db, baseUrl } = deps;
  if (typeof input === 'string') {
    let header: { kid?: string; alg?: string };
    try {
      header = decodeProtectedHeader(input.trim());
    } catch {
      return failed('jwt');
    }
    if (header.alg !== 'EdDSA' || !header.kid) return failed('jwt');
    let payload: JsonObject;
    try {
      payload = JSON.parse(new TextDecoder().decode(decodeJwtPayload(input.trim())));
    } catch {
      return failed('jwt');
    }
    if (!isObject(payload)) return failed('jwt');
    const found = await methodKey(db, baseUrl, payload, header.kid);
    let signature = false;
    if (found)
      signature = await compactVerify(input.trim(), found.key, { algorithms: ['EdDSA'] }).then(
        () => true,
        () => false,
      );
    return finish(db, baseUrl, payload, 'jwt', found?.organisationId ?? null, signature, now);
  }
  if (!isObject(input)) return failed(null);
  const proofs = proofsOf(input);
  if (proofs.length === 0) return finish(db, baseUrl, input, 'ldp', null, false, now);
  let organisationId: string | null = null;
  let signature = true;
  for (const proof of proofs) {
    const found = await methodKey(db, baseUrl, input, proof.verificationMethod);
    if (!found) {
      signature = false;
      organisationId = null;
      break;
    }
    organisationId = found.organisationId;
    if (!(await verifyProof(input, proof, found.key))) signature = false;
  }
  return finish(db, baseUrl, input, 'ldp', organisationId, signature, now);
}

function decodeJwtPayload(jwt: string): Buffer {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('not a compact JWS');
  return Buffer.from(parts[1], 'base64url');
}
