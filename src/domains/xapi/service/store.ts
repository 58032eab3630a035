// Storing statements (Communication 2.1 PUT/POST): validation, ids, stored/authority/version, conflicts,
// voiding, attachments and signatures, all in one transaction (a rejected statement stores nothing).
import type { Db } from '../../../platform/db.ts';
import { agentKey, agentKeys } from '../agents.ts';
import { bad, isObject, type JsonObject, jsonEqual, XapiError } from '../formats.ts';
import * as repo from '../repo-statements.ts';
import { SIGNATURE_USAGE, VOIDED_VERB, validateStatement } from '../validate.ts';
import type { AttachmentPart } from './multipart.ts';
import { checkSignature } from './signature.ts';

export interface StoreContext {
  regionId: string;
  /** The authority every stored statement gets (the client, or the product). */
  authority: JsonObject;
  clientId: string | null;
  attachments: AttachmentPart[];
  /** Statements the product records itself carry version 1.0.3; external ones keep theirs (or 1.0.0). */
  defaultVersion: string;
}

const activitiesOf = (v: unknown): JsonObject[] => {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter(isObject);
};

/** The normalised columns of a statement (filters) and the activities whose definitions it carries. */
function normalise(s: JsonObject): Omit<repo.NewStatement, 'id' | 'statement' | 'stored' | 'clientId'> & {
  definitions: [string, JsonObject][];
} {
  const relatedAgents = new Set<string>();
  const relatedActivities = new Set<string>();
  const definitions: [string, JsonObject][] = [];
  const walk = (st: JsonObject, top: boolean) => {
    for (const k of agentKeys(st.actor)) relatedAgents.add(k);
    const o = isObject(st.object) ? st.object : {};
    const type = o.objectType ?? 'Activity';
    if (type === 'Agent' || type === 'Group') for (const k of agentKeys(o)) relatedAgents.add(k);
    if (type === 'Activity' && typeof o.id === 'string') {
      relatedActivities.add(o.id);
      if (top && isObject(o.definition)) definitions.push([o.id, o.definition]);
    }
    if (type === 'SubStatement') walk(o, false);
    const c = isObject(st.context) ? st.context : {};
    for (const k of [...agentKeys(c.instructor), ...agentKeys(c.team)]) relatedAgents.add(k);
    if (isObject(c.contextActivities))
      for (const list of Object.values(c.contextActivities))
        for (const a of activitiesOf(list))
          if (typeof a.id === 'string') {
            relatedActivities.add(a.id);
            if (top && isObject(a.definition)) definitions.push([a.id, a.definition]);
          }
  };
  walk(s, true);
  for (const k of agentKeys(s.authority)) relatedAgents.add(k);
  const o = s.object as JsonObject;
  const type = o.objectType ?? 'Activity';
  const ctx = isObject(s.context) ? s.context : {};
  const verbId = String((s.verb as JsonObject).id);
  return {
    isVoiding: verbId === VOIDED_VERB,
    refTarget: type === 'StatementRef' ? String(o.id) : null,
    actorKey: agentKey(s.actor as JsonObject) ?? `group:${JSON.stringify(agentKeys(s.actor).sort())}`,
    objectAgentKey: type === 'Agent' || type === 'Group' ? agentKey(o) : null,
    verbId,
    activityId: type === 'Activity' ? String(o.id) : null,
    registration: typeof ctx.registration === 'string' ? ctx.registration : null,
    relatedAgents: [...relatedAgents],
    relatedActivities: [...relatedActivities],
    definitions,
  };
}

/** Context activities are always returned as arrays (Data 2.4.6.2), also in a SubStatement. */
function contextArrays(s: JsonObject): JsonObject {
  const out: JsonObject = { ...s };
  if (isObject(s.context) && isObject(s.context.contextActivities)) {
    const ca: JsonObject = {};
    for (const [k, v] of Object.entries(s.context.contextActivities)) ca[k] = Array.isArray(v) ? v : [v];
    out.context = { ...s.context, contextActivities: ca };
  }
  if (isObject(s.object) && s.object.objectType === 'SubStatement') out.object = contextArrays(s.object);
  return out;
}

/** A statement as compared for "the same statement again" (what the LRS itself adds is ignored). */
function comparable(s: JsonObject, keepTimestamp: boolean): JsonObject {
  const { id: _i, stored: _s, authority: _a, version: _v, timestamp, ...rest } = s;
  return keepTimestamp && timestamp !== undefined ? { ...rest, timestamp } : rest;
}

/** Check declared attachments against the parts (and signatures); returns the parts to keep. */
async function checkAttachments(db: Db, sc: StoreContext, list: JsonObject[]): Promise<AttachmentPart[]> {
  const parts = new Map(sc.attachments.map((p) => [p.sha2, p]));
  const used = new Set<string>();
  const missing: string[] = [];
  for (const s of list) {
    for (const a of activitiesOf(s.attachments)) {
      const sha2 = String(a.sha2).toLowerCase();
      if (a.usageType === SIGNATURE_USAGE) {
        if (a.contentType !== 'application/octet-stream')
          throw bad('a signature attachment must be application/octet-stream');
        const part = parts.get(sha2);
        if (!part) throw bad('the signature attachment is missing');
        checkSignature(part.content.toString('utf8'), s);
      }
      if (parts.has(sha2)) used.add(sha2);
      else if (a.fileUrl === undefined) missing.push(sha2);
    }
  }
  for (const sha2 of parts.keys())
    if (!used.has(sha2)) throw bad('a multipart section is not a declared attachment');
  if (missing.length > 0) {
    const known = await repo.findAttachments(db, sc.regionId, missing);
    if (known.length < new Set(missing).size) throw bad('an attachment without fileUrl has no content part');
  }
  return [...parts.values()];
}

/**
 * Validate and store statements in one transaction; returns their ids in order. A statement whose id is
 * already stored is skipped when it is the same statement and refused with 409 when it differs.
 */
export async function storeStatements(db: Db, sc: StoreContext, input: unknown[]): Promise<string[]> {
  const list: JsonObject[] = [];
  for (const s of input) {
    validateStatement(s);
    list.push(s);
  }
  const ids = list.map((s) => (typeof s.id === 'string' ? s.id.toLowerCase() : crypto.randomUUID()));
  if (new Set(ids).size !== ids.length) throw bad('the batch contains the same statement id twice');
  const parts = await checkAttachments(db, sc, list);
  return db.tx(async (tx) => {
    const existing = new Map((await repo.findStatements(tx, sc.regionId, ids)).map((r) => [r.id, r]));
    const stored = new Date().toISOString();
    for (const [i, raw] of list.entries()) {
      const id = ids[i] as string;
      const before = existing.get(id);
      if (before) {
        const hasTs = raw.timestamp !== undefined;
        if (!jsonEqual(comparable(before.statement, hasTs), comparable(contextArrays(raw), hasTs)))
          throw new XapiError(409, `statement ${id} already exists with different content`);
        continue;
      }
      const statement: JsonObject = {
        ...contextArrays(raw),
        id,
        timestamp: raw.timestamp ?? stored,
        stored,
        authority: sc.authority,
        version: raw.version ?? sc.defaultVersion,
      };
      const { definitions, ...cols } = normalise(statement);
      await repo.insertStatement(tx, sc.regionId, { ...cols, id, statement, stored, clientId: sc.clientId });
      if (cols.isVoiding && cols.refTarget) await repo.voidStatement(tx, sc.regionId, cols.refTarget);
      for (const [activityId, def] of definitions)
        await repo.upsertActivity(tx, sc.regionId, activityId, def);
    }
    for (const p of parts) await repo.insertAttachment(tx, sc.regionId, p.sha2, p.contentType, p.content);
    return ids;
  });
}
