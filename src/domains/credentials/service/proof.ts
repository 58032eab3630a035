// Data Integrity proofs with the cryptosuite eddsa-rdfc-2022 (W3C VC Data Integrity EdDSA Cryptosuites v1.0):
// the document and the proof options are each canonicalised with RDFC-1.0 (jsonld + rdf-canonize), hashed
// with SHA-256, and the two hashes (options first) signed with Ed25519 (node:crypto). The proof value is
// multibase base58btc. Also the Multikey form of an Ed25519 public key (publicKeyMultibase).
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import jsonld from 'jsonld';
import { staticDocumentLoader } from './contexts.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (Bitcoin alphabet) of bytes. */
export function base58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/** Bytes of a base58btc string; null when it is not one. */
export function fromBase58btc(text: string): Buffer | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let n = 0n;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  return Buffer.from([...new Array(zeros).fill(0), ...bytes]);
}

/** The Multikey encoding of an Ed25519 public JWK: `z` + base58btc(0xed01 ‖ key). */
export function publicKeyMultibase(jwk: { x?: string }): string {
  const raw = Buffer.from(jwk.x ?? '', 'base64url');
  return `z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
}

/** An Ed25519 public key from a JWK. */
export function publicKeyOf(jwk: object): KeyObject {
  return createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
}

export type JsonObject = Record<string, unknown>;

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

async function canonize(doc: JsonObject): Promise<string> {
  return jsonld.canonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: staticDocumentLoader,
    safe: true,
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

async function hashData(unsecured: JsonObject, proofConfig: JsonObject): Promise<Buffer> {
  const [config, document] = await Promise.all([canonize(proofConfig), canonize(unsecured)]);
  return Buffer.concat([sha256(config), sha256(document)]);
}

/** An xsd:dateTime without milliseconds, as the proof's `created`. */
export const dateTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** Sign a document (without `proof`): returns the proof to attach. */
export async function createProof(
  unsecured: JsonObject,
  opts: { privateKey: KeyObject; verificationMethod: string; created: Date },
): Promise<DataIntegrityProof> {
  const options = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-rdfc-2022' as const,
    created: dateTime(opts.created),
    verificationMethod: opts.verificationMethod,
    proofPurpose: 'assertionMethod' as const,
  };
  const hash = await hashData(unsecured, { '@context': unsecured['@context'], ...options });
  const signature = sign(null, hash, opts.privateKey);
  return { ...options, proofValue: `z${base58btc(signature)}` };
}

/** The proofs of a secured document (one object or an array). */
export function proofsOf(doc: JsonObject): JsonObject[] {
  const p = doc.proof;
  if (Array.isArray(p)) return p.filter((x): x is JsonObject => !!x && typeof x === 'object');
  return p && typeof p === 'object' ? [p as JsonObject] : [];
}

/**
 * Verify one eddsa-rdfc-2022 proof of a document with the public key of its verification method. A document
 * that does not canonicalise (unknown context, undefined term) does not verify.
 */
export async function verifyProof(
  doc: JsonObject,
  proof: JsonObject,
  publicKey: KeyObject,
): Promise<boolean> {
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') return false;
  if (proof.proofPurpose !== 'assertionMethod' || typeof proof.proofValue !== 'string') return false;
  if (!proof.proofValue.startsWith('z')) return false;
  const signature = fromBase58btc(proof.proofValue.slice(1));
  if (signature?.length !== 64) return false;
  const { proof: _proof, ...unsecured } = doc;
  const { proofValue: _value, ...options } = proof;
  try {
    const hash = await hashData(unsecured, { '@context': doc['@context'], ...options });
    return verify(null, hash, publicKey, signature);
  } catch {
    return false;
  }
}
