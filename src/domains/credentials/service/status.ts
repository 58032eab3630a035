// The revocation status list of an organisation: a BitstringStatusListCredential (W3C Bitstring Status List
// v1.0) of 131 072 bits, GZIP-compressed and multibase base64url (`u…`), signed like the credentials.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { currentSigningKey } from '../../../platform/signing-keys.ts';
import * as repo from '../repo-credentials.ts';
import { VC_V2 } from './contexts.ts';
import { issuerDid, statusListUrl, verificationMethodId } from './issuer.ts';
import { createProof, dateTime, type JsonObject } from './proof.ts';

export const LIST_BITS = 131_072;

/** The encoded list with the given bits set (bit 0 is the most significant bit of the first byte). */
export function encodeList(indexes: number[]): string {
  const bytes = Buffer.alloc(LIST_BITS / 8);
  for (const i of indexes) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Whether bit `index` is set in an encoded list; null when the list cannot be decoded. */
export function bitOf(encodedList: string, index: number): boolean | null {
  if (!encodedList.startsWith('u')) return null;
  try {
    const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
    if (index < 0 || index >= bytes.length * 8) return null;
    return ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
  } catch {
    return null;
  }
}

/** The signed status list credential of an organisation, or null for an unknown organisation. */
export async function statusListCredential(
  deps: Pick<AppDeps, 'db' | 'keyring' | 'baseUrl'>,
  organisationId: string,
  now = new Date(),
): Promise<JsonObject | null> {
  const org = await repo.organisation(deps.db, organisationId);
  if (!org) return null;
  const url = statusListUrl(deps.baseUrl, organisationId);
  const did = issuerDid(deps.baseUrl, organisationId);
  const key = await currentSigningKey(deps.db, deps.keyring, 'credentials', organisationId);
  const unsigned: JsonObject = {
    '@context': [VC_V2],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: did,
    validFrom: dateTime(now),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeList(await repo.revokedIndexes(deps.db, organisationId)),
    },
  };
  const proof = await createProof(unsigned, {
    privateKey: key.privateKey,
    verificationMethod: verificationMethodId(did, key.kid),
    created: now,
  });
  return { ...unsigned, proof };
}
