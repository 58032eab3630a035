// The document resources (Communication 2.2–2.7): state, activity profile and agent profile documents with
// ETags (SHA-1), If-Match / If-None-Match (412) and the 409 of an unconditional PUT over an existing profile.
import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db.ts';
import { bad, isObject, type JsonObject, XapiError } from '../formats.ts';
import * as repo from '../repo-documents.ts';

export interface LrsResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string | unknown;
}

export interface DocRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  regionId: string;
  key: repo.DocKey;
  /** GET without an id: the ids updated since this timestamp. */
  since: string | null;
  contentType: string;
  body: Buffer;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

const sha1 = (b: Buffer | Uint8Array) => createHash('sha1').update(b).digest('hex');
const isJsonType = (ct: string) => /^application\/json\b/i.test(ct);

function tags(header: string): string[] {
  return header.split(',').map((t) =>
    t
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1'),
  );
}

/** The If-Match / If-None-Match preconditions (RFC 2616): 412 when they fail. */
function preconditions(req: DocRequest, existing: repo.DocRow | null): void {
  if (req.ifMatch !== undefined) {
    const t = tags(req.ifMatch);
    if (!existing || !(t.includes('*') || t.includes(existing.etag)))
      throw new XapiError(412, 'If-Match precondition failed');
  }
  if (req.ifNoneMatch !== undefined && existing) {
    const t = tags(req.ifNoneMatch);
    if (t.includes('*') || t.includes(existing.etag))
      throw new XapiError(412, 'If-None-Match precondition failed');
  }
}

function parseObject(b: Buffer | Uint8Array, what: string): JsonObject {
  try {
    const v = JSON.parse(Buffer.from(b).toString('utf8')) as unknown;
    if (isObject(v)) return v;
  } catch {
    // fall through
  }
  throw bad(`${what} is not a JSON object`);
}

export async function handleDocument(db: Db, req: DocRequest): Promise<LrsResponse> {
  const { regionId, key } = req;
  if (req.method === 'GET') {
    if (key.docId === '') {
      const ids = await repo.listDocumentIds(db, regionId, key, req.since);
      return { status: 200, body: ids };
    }
    const doc = await repo.findDocument(db, regionId, key);
    if (!doc) return { status: 404, body: { error: 'document not found' } };
    return {
      status: 200,
      headers: {
        'content-type': doc.content_type,
        etag: `"${doc.etag}"`,
        'last-modified': new Date(doc.updated).toUTCString(),
      },
      body: Buffer.from(doc.content),
    };
  }
  if (req.method === 'DELETE') {
    if (key.docId !== '') {
      const existing = await repo.findDocument(db, regionId, key);
      preconditions(req, existing);
    }
    await repo.deleteDocuments(db, regionId, key, key.docId === '' ? null : key.docId);
    return { status: 204 };
  }
  if (key.docId === '') throw bad('the document id parameter is missing');
  return db.tx(async (tx) => {
    const existing = await repo.findDocument(tx, regionId, key);
    preconditions(req, existing);
    let content: Buffer = req.body;
    let contentType = req.contentType || 'application/octet-stream';
    if (req.method === 'PUT') {
      // Profiles are shared: a PUT must say what it expects (409 over an existing one, 400 otherwise).
      if (key.kind !== 'state' && req.ifMatch === undefined && req.ifNoneMatch === undefined) {
        if (existing) throw new XapiError(409, 'the document exists: send If-Match with its ETag');
        throw bad('a PUT of a profile needs If-Match or If-None-Match');
      }
      if (isJsonType(contentType)) parseJsonOrBad(content);
    } else {
      // POST: merge JSON objects one level deep; anything else is refused.
      const incoming = isJsonType(contentType) ? parseObject(content, 'the document') : null;
      if (existing) {
        if (!incoming || !isJsonType(existing.content_type))
          throw bad('POST merges JSON documents only: use PUT to replace this document');
        const merged = { ...parseObject(existing.content, 'the stored document'), ...incoming };
        content = Buffer.from(JSON.stringify(merged));
        contentType = 'application/json';
      } else if (!incoming && isJsonType(contentType)) throw bad('the document is not a JSON object');
    }
    await repo.saveDocument(tx, regionId, key, { contentType, content, etag: sha1(content) });
    return { status: 204, headers: { etag: `"${sha1(content)}"` } };
  });
}

function parseJsonOrBad(b: Buffer): void {
  try {
    JSON.parse(b.toString('utf8'));
  } catch {
    throw bad('the document is not valid JSON');
  }
}
