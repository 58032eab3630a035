// Signed statements (Data 2.6): the signature attachment is a JWS (RS256, RS384 or RS512) whose payload is
// the statement as it was before the signature attachment was added.
import { bad, isObject, type JsonObject, jsonEqual } from '../formats.ts';

const ALGS = ['RS256', 'RS384', 'RS512'];

function decodeSegment(seg: string, what: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(seg)) throw bad(`the signature's ${what} is not base64url`);
  try {
    return JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
  } catch {
    throw bad(`the signature's ${what} is not valid JSON`);
  }
}

/** What a signature covers: the statement without what the LRS adds and without attachments. */
function signedPart(s: JsonObject): JsonObject {
  const { stored: _s, authority: _a, version: _v, attachments: _t, id: _i, ...rest } = s;
  return rest;
}

/** Refuse a malformed JWS, another algorithm, or a payload that is not this statement (400). */
export function checkSignature(jws: string, statement: JsonObject): void {
  const segments = jws.trim().split('.');
  if (segments.length !== 3) throw bad('the signature is not a compact JWS');
  const header = decodeSegment(segments[0] ?? '', 'header');
  if (!isObject(header) || typeof header.alg !== 'string' || !ALGS.includes(header.alg))
    throw bad('the signature must use RS256, RS384 or RS512');
  const payload = decodeSegment(segments[1] ?? '', 'payload');
  if (!isObject(payload)) throw bad("the signature's payload is not a statement");
  if (payload.id !== undefined && statement.id !== undefined && payload.id !== statement.id)
    throw bad("the signature's payload does not match the statement");
  if (!jsonEqual(signedPart(payload), signedPart(statement)))
    throw bad("the signature's payload does not match the statement");
}
