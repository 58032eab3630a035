// The issuer's identity: one did:web per organisation under the base URL
// (did:web:<host>[:<path>]:issuers:<orgId>, resolved at <base>/issuers/<orgId>/did.json) with its Ed25519
// keys as Multikey verification methods, and the Open Badges issuer Profile at <base>/issuers/<orgId>.

import type { Db } from '../../../platform/db.ts';
import { publishedJwks } from '../../../platform/signing-keys.ts';
import * as repo from '../repo-credentials.ts';
import { DID_V1, MULTIKEY_V1, OB_V3, VC_V2 } from './contexts.ts';
import { publicKeyMultibase } from './proof.ts';

const trim = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

/** The did:web method-specific prefix of the base URL (`host%3Aport:path:segments`). */
function didWebPrefix(baseUrl: string): string {
  const url = new URL(trim(baseUrl));
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent);
  return ['did:web', encodeURIComponent(url.host), ...segments].join(':');
}

export const issuerDid = (baseUrl: string, organisationId: string): string =>
  `${didWebPrefix(baseUrl)}:issuers:${organisationId}`;

export const profileUrl = (baseUrl: string, organisationId: string): string =>
  `${trim(baseUrl)}/issuers/${organisationId}`;

export const statusListUrl = (baseUrl: string, organisationId: string): string =>
  `${trim(baseUrl)}/credentials/status/${organisationId}`;

export const credentialUrl = (baseUrl: string, id: string): string => `${trim(baseUrl)}/credentials/${id}`;

export const verificationMethodId = (did: string, kid: string): string => `${did}#${kid}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organisation of one of our issuer DIDs (or of a verification method under it), else null. */
export function organisationOfDid(baseUrl: string, didOrMethod: string): string | null {
  const [did] = didOrMethod.split('#');
  const prefix = `${didWebPrefix(baseUrl)}:issuers:`;
  if (!did?.startsWith(prefix)) return null;
  const id = did.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The organisation of one of our status list URLs, else null. */
export function organisationOfStatusList(baseUrl: string, url: string): string | null {
  const prefix = `${trim(baseUrl)}/credentials/status/`;
  if (!url.startsWith(prefix)) return null;
  const id = url.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The issuer Profile embedded in credentials and served as JSON-LD. */
export function issuerProfile(baseUrl: string, org: { id: string; name: string }): Record<string, unknown> {
  return {
    id: issuerDid(baseUrl, org.id),
    type: ['Profile'],
    name: org.name,
    url: profileUrl(baseUrl, org.id),
  };
}

/** The Profile as a standalone JSON-LD document (`/issuers/:orgId`). */
export async function profileDocument(db: Db, baseUrl: string, organisationId: string) {
  const org = await repo.organisation(db, organisationId);
  if (!org) return null;
  return { '@context': [VC_V2, OB_V3], ...issuerProfile(baseUrl, org) };
}

/**
 * The DID document of an organisation: every credentials key it ever had (retired ones too, so that what
 * they signed still verifies) as a Multikey verification method and assertion method.
 */
export async function didDocument(db: Db, baseUrl: string, organisationId: string) {
  const org = await repo.organisation(db, organisationId);
  if (!org) return null;
  const did = issuerDid(baseUrl, organisationId);
  const { keys } = await publishedJwks(db, { purpose: 'credentials', organisationId });
  const methods = keys.map((k) => ({
    id: verificationMethodId(did, k.kid),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: publicKeyMultibase(k),
  }));
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    alsoKnownAs: [profileUrl(baseUrl, organisationId)],
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
