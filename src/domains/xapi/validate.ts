// Statement validation (xAPI 1.0.3 Data 2.4): every rule an LRS must enforce, as 400 Bad Request.
import { agentKey, validateActor } from './agents.ts';
import {
  bad,
  extensions,
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isObject,
  isTimestamp,
  isUuid,
  type JsonObject,
  languageMap,
  onlyKeys,
} from './formats.ts';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];
const COMPONENT_LISTS: Record<string, string[]> = {
  choices: ['choice', 'sequencing'],
  scale: ['likert'],
  source: ['matching'],
  target: ['matching'],
  steps: ['performance'],
};

function verb(v: unknown): void {
  if (!isObject(v)) throw bad('verb must be an object');
  onlyKeys(v, ['id', 'display'], 'verb');
  if (!isIri(v.id)) throw bad('verb.id must be an IRI');
  if (v.display !== undefined) languageMap(v.display, 'verb.display');
}

function definition(d: unknown, where: string): void {
  if (!isObject(d)) throw bad(`${where} must be an object`);
  onlyKeys(
    d,
    [
      'name',
      'description',
      'type',
      'moreInfo',
      'extensions',
      'interactionType',
      'correctResponsesPattern',
      ...Object.keys(COMPONENT_LISTS),
    ],
    where,
  );
  if (d.name !== undefined) languageMap(d.name, `${where}.name`);
  if (d.description !== undefined) languageMap(d.description, `${where}.description`);
  if (d.type !== undefined && !isIri(d.type)) throw bad(`${where}.type must be an IRI`);
  if (d.moreInfo !== undefined && !isIrl(d.moreInfo)) throw bad(`${where}.moreInfo must be an IRL`);
  if (d.extensions !== undefined) extensions(d.extensions, `${where}.extensions`);
  const it = d.interactionType;
  if (it !== undefined && (typeof it !== 'string' || !INTERACTION_TYPES.includes(it)))
    throw bad(`${where}.interactionType is not an interaction type`);
  if (d.correctResponsesPattern !== undefined) {
    if (it === undefined) throw bad(`${where}.correctResponsesPattern needs an interactionType`);
    if (
      !Array.isArray(d.correctResponsesPattern) ||
      d.correctResponsesPattern.some((p) => typeof p !== 'string')
    )
      throw bad(`${where}.correctResponsesPattern must be an array of strings`);
  }
  for (const [list, types] of Object.entries(COMPONENT_LISTS)) {
    const comps = d[list];
    if (comps === undefined) continue;
    if (typeof it !== 'string' || !types.includes(it))
      throw bad(`${where}.${list} is not allowed for this interactionType`);
    if (!Array.isArray(comps)) throw bad(`${where}.${list} must be an array`);
    const ids = new Set<string>();
    for (const c of comps) {
      if (!isObject(c)) throw bad(`${where}.${list} entries must be objects`);
      onlyKeys(c, ['id', 'description'], `${where}.${list}[]`);
      if (typeof c.id !== 'string' || c.id === '') throw bad(`${where}.${list}[].id must be a string`);
      if (ids.has(c.id)) throw bad(`${where}.${list}[].id must be unique`);
      ids.add(c.id);
      if (c.description !== undefined) languageMap(c.description, `${where}.${list}[].description`);
    }
  }
}

export function activity(a: unknown, where: string): void {
  if (!isObject(a)) throw bad(`${where} must be an object`);
  onlyKeys(a, ['objectType', 'id', 'definition'], where);
  if (a.objectType !== undefined && a.objectType !== 'Activity')
    throw bad(`${where}.objectType must be Activity`);
  if (!isIri(a.id)) throw bad(`${where}.id must be an IRI`);
  if (a.definition !== undefined) definition(a.definition, `${where}.definition`);
}

function statementRef(o: JsonObject, where: string): void {
  onlyKeys(o, ['objectType', 'id'], where);
  if (!isUuid(o.id)) throw bad(`${where}.id must be a UUID`);
}

function object(o: unknown, sub: boolean): void {
  if (!isObject(o)) throw bad('object must be an object');
  const type = o.objectType ?? 'Activity';
  if (type === 'Activity') activity(o, 'object');
  else if (type === 'Agent' || type === 'Group') validateActor(o, 'object');
  else if (type === 'StatementRef') statementRef(o, 'object');
  else if (type === 'SubStatement') {
    if (sub) throw bad('a SubStatement cannot contain a SubStatement');
    statementBody(o, true);
  } else throw bad('object.objectType is not a valid type');
}

function result(r: unknown): void {
  if (!isObject(r)) throw bad('result must be an object');
  onlyKeys(r, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], 'result');
  if (r.score !== undefined) {
    const s = r.score;
    if (!isObject(s)) throw bad('result.score must be an object');
    onlyKeys(s, ['scaled', 'raw', 'min', 'max'], 'result.score');
    for (const k of ['scaled', 'raw', 'min', 'max'])
      if (s[k] !== undefined && typeof s[k] !== 'number') throw bad(`result.score.${k} must be a number`);
    const { scaled, raw, min, max } = s as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      throw bad('result.score.scaled must be in [-1, 1]');
    if (min !== undefined && max !== undefined && min >= max) throw bad('result.score.min must be below max');
    if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max)))
      throw bad('result.score.raw must lie between min and max');
  }
  if (r.success !== undefined && typeof r.success !== 'boolean')
    throw bad('result.success must be a boolean');
  if (r.completion !== undefined && typeof r.completion !== 'boolean')
    throw bad('result.completion must be a boolean');
  if (r.response !== undefined && typeof r.response !== 'string')
    throw bad('result.response must be a string');
  if (r.duration !== undefined && !isDuration(r.duration))
    throw bad('result.duration must be an ISO 8601 duration');
  if (r.extensions !== undefined) extensions(r.extensions, 'result.extensions');
}

function context(c: unknown, objectType: string): void {
  if (!isObject(c)) throw bad('context must be an object');
  onlyKeys(
    c,
    [
      'registration',
      'instructor',
      'team',
      'contextActivities',
      'revision',
      'platform',
      'language',
      'statement',
      'extensions',
    ],
    'context',
  );
  if (c.registration !== undefined && !isUuid(c.registration))
    throw bad('context.registration must be a UUID');
  if (c.instructor !== undefined) validateActor(c.instructor, 'context.instructor');
  if (c.team !== undefined) {
    if (!isObject(c.team) || c.team.objectType !== 'Group') throw bad('context.team must be a Group');
    validateActor(c.team, 'context.team');
  }
  if (c.contextActivities !== undefined) {
    const ca = c.contextActivities;
    if (!isObject(ca)) throw bad('context.contextActivities must be an object');
    onlyKeys(ca, ['parent', 'grouping', 'category', 'other'], 'context.contextActivities');
    for (const [k, v] of Object.entries(ca)) {
      const list = Array.isArray(v) ? v : [v];
      for (const a of list) activity(a, `context.contextActivities.${k}`);
    }
  }
  for (const k of ['revision', 'platform'] as const) {
    if (c[k] === undefined) continue;
    if (typeof c[k] !== 'string') throw bad(`context.${k} must be a string`);
    if (objectType !== 'Activity') throw bad(`context.${k} is only allowed when the object is an Activity`);
  }
  if (c.language !== undefined && !isLanguageTag(c.language))
    throw bad('context.language must be a language tag');
  if (c.statement !== undefined) {
    if (!isObject(c.statement) || c.statement.objectType !== 'StatementRef')
      throw bad('context.statement must be a StatementRef');
    statementRef(c.statement, 'context.statement');
  }
  if (c.extensions !== undefined) extensions(c.extensions, 'context.extensions');
}

function attachments(list: unknown): void {
  if (!Array.isArray(list)) throw bad('attachments must be an array');
  for (const a of list) {
    if (!isObject(a)) throw bad('attachments entries must be objects');
    onlyKeys(
      a,
      ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'],
      'attachment',
    );
    if (!isIri(a.usageType)) throw bad('attachment.usageType must be an IRI');
    languageMap(a.display, 'attachment.display');
    if (a.description !== undefined) languageMap(a.description, 'attachment.description');
    if (typeof a.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(a.contentType))
      throw bad('attachment.contentType must be an Internet media type');
    if (typeof a.length !== 'number' || !Number.isInteger(a.length) || a.length < 0)
      throw bad('attachment.length must be an integer');
    if (typeof a.sha2 !== 'string' || !/^[0-9a-fA-F]{56,128}$/.test(a.sha2))
      throw bad('attachment.sha2 must be a SHA-2 hex string');
    if (a.fileUrl !== undefined && !isIrl(a.fileUrl)) throw bad('attachment.fileUrl must be an IRL');
  }
}

function statementBody(s: JsonObject, sub: boolean): void {
  const common = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
  onlyKeys(
    s,
    sub ? ['objectType', ...common] : ['id', 'stored', 'authority', 'version', ...common],
    sub ? 'SubStatement' : 'statement',
  );
  if (s.actor === undefined || s.verb === undefined || s.object === undefined)
    throw bad('actor, verb and object are required');
  validateActor(s.actor, sub ? 'object.actor' : 'actor');
  verb(s.verb);
  object(s.object, sub);
  const objectType = isObject(s.object) ? String(s.object.objectType ?? 'Activity') : '';
  if (s.result !== undefined) result(s.result);
  if (s.context !== undefined) context(s.context, objectType);
  if (s.timestamp !== undefined && !isTimestamp(s.timestamp))
    throw bad('timestamp must be an ISO 8601 timestamp');
  if (s.attachments !== undefined) attachments(s.attachments);
  if (isObject(s.verb) && s.verb.id === VOIDED_VERB && objectType !== 'StatementRef')
    throw bad('a voiding statement needs a StatementRef object');
}

/** Validate one statement as sent to the LRS (Data 2.4); throws XapiError(400). */
export function validateStatement(s: unknown): asserts s is JsonObject {
  if (!isObject(s)) throw bad('a statement must be a JSON object');
  if (s.id !== undefined && !isUuid(s.id)) throw bad('id must be a UUID');
  if (s.stored !== undefined && !isTimestamp(s.stored)) throw bad('stored must be an ISO 8601 timestamp');
  if (s.version !== undefined && (typeof s.version !== 'string' || !/^1\.0(\.\d+)?$/.test(s.version)))
    throw bad('version must be 1.0.x');
  if (s.authority !== undefined) {
    validateActor(s.authority, 'authority');
    const a = s.authority as JsonObject;
    // A Group authority is the pair of an OAuth consumer (an account) and a user: anonymous, two members.
    if (
      a.objectType === 'Group' &&
      (agentKey(a) !== null ||
        !Array.isArray(a.member) ||
        a.member.length !== 2 ||
        !a.member.some((m) => isObject(m) && m.account !== undefined))
    )
      throw bad('an authority Group must be anonymous with two members, one of them an OAuth account');
  }
  statementBody(s, false);
}
