// The static JSON-LD document loader: the contexts copied into reference-data/standards/, served under their
// URLs. Nothing is ever fetched from the network; an unknown URL is an error (the credential does not verify).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const STANDARDS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../reference-data/standards',
);

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const OB_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

const files: Record<string, string> = {
  [VC_V2]: 'credentials-v2.jsonld',
  [OB_V3]: 'context-3.0.3.json',
  [DID_V1]: 'did-v1.jsonld',
};

const cache = new Map<string, unknown>();

/** A copied standards document (parsed JSON). */
export function standardsDocument(file: string): unknown {
  let doc = cache.get(file);
  if (!doc) {
    doc = JSON.parse(fs.readFileSync(path.join(STANDARDS_DIR, file), 'utf8'));
    cache.set(file, doc);
  }
  return doc;
}

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** The jsonld.js document loader over the copied contexts. */
export async function staticDocumentLoader(url: string): Promise<RemoteDocument> {
  const file = files[url];
  if (!file) throw new Error(`JSON-LD document not available offline: ${url}`);
  return { contextUrl: null, documentUrl: url, document: standardsDocument(file) };
}
