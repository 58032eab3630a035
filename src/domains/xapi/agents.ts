// Agents and Groups (Data 2.4.2): validation, the inverse functional identifier (IFI) key used by the
// filters and documents, and the Person object of the Agents resource.
import { bad, isIri, isIrl, isMbox, isObject, isSha1Hex, type JsonObject, onlyKeys } from './formats.ts';

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function checkIfi(a: JsonObject, where: string): number {
  const present = IFIS.filter((k) => a[k] !== undefined);
  if (present.length > 1) throw bad(`${where}: only one inverse functional identifier is allowed`);
  if (a.mbox !== undefined && !isMbox(a.mbox)) throw bad(`${where}.mbox must be "mailto:" and an address`);
  if (a.mbox_sha1sum !== undefined && !isSha1Hex(a.mbox_sha1sum))
    throw bad(`${where}.mbox_sha1sum must be a SHA-1 hex string`);
  if (a.openid !== undefined && !isIri(a.openid)) throw bad(`${where}.openid must be a URI`);
  if (a.account !== undefined) {
    const acc = a.account;
    if (!isObject(acc)) throw bad(`${where}.account must be an object`);
    onlyKeys(acc, ['homePage', 'name'], `${where}.account`);
    if (!isIrl(acc.homePage)) throw bad(`${where}.account.homePage must be an IRL`);
    if (typeof acc.name !== 'string') throw bad(`${where}.account.name must be a string`);
  }
  return present.length;
}

/** Validate an Agent, or a Group when `groups` allows it. */
export function validateActor(v: unknown, where: string, groups = true): void {
  if (!isObject(v)) throw bad(`${where} must be an object`);
  const type = v.objectType ?? 'Agent';
  if (v.name !== undefined && typeof v.name !== 'string') throw bad(`${where}.name must be a string`);
  if (type === 'Agent') {
    onlyKeys(v, ['objectType', 'name', ...IFIS], where);
    if (checkIfi(v, where) !== 1)
      throw bad(`${where}: an Agent needs exactly one inverse functional identifier`);
    return;
  }
  if (type !== 'Group' || !groups)
    throw bad(`${where}.objectType must be "Agent"${groups ? ' or "Group"' : ''}`);
  onlyKeys(v, ['objectType', 'name', 'member', ...IFIS], where);
  const n = checkIfi(v, where);
  if (v.member !== undefined) {
    if (!Array.isArray(v.member)) throw bad(`${where}.member must be an array`);
    v.member.forEach((m, i) => {
      validateActor(m, `${where}.member[${i}]`, false);
    });
  }
  if (n === 0 && (!Array.isArray(v.member) || v.member.length === 0))
    throw bad(`${where}: an anonymous Group needs members`);
}

/** The IFI key of an Agent or identified Group, or null for an anonymous Group. */
export function agentKey(v: JsonObject): string | null {
  if (typeof v.mbox === 'string') return `mbox:${v.mbox.toLowerCase()}`;
  if (typeof v.mbox_sha1sum === 'string') return `mbox_sha1sum:${v.mbox_sha1sum.toLowerCase()}`;
  if (typeof v.openid === 'string') return `openid:${v.openid}`;
  if (isObject(v.account)) return `account:${String(v.account.homePage)} ${String(v.account.name)}`;
  return null;
}

/** The keys of an actor and, for groups, of its members. */
export function agentKeys(v: unknown): string[] {
  if (!isObject(v)) return [];
  const keys: string[] = [];
  const own = agentKey(v);
  if (own) keys.push(own);
  if (Array.isArray(v.member)) for (const m of v.member) if (isObject(m)) keys.push(...agentKeys(m));
  return keys;
}

/** The Person object for an agent (Communication 2.4): every list holds what the LRS knows. */
export function personOf(agent: JsonObject): JsonObject {
  const person: JsonObject = { objectType: 'Person' };
  if (typeof agent.name === 'string') person.name = [agent.name];
  for (const k of IFIS) if (agent[k] !== undefined) person[k] = [agent[k] as JsonObject];
  return person;
}

/** The `ids` format of an agent or group: only the identifier (and the members' identifiers). */
export function agentIds(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (v.objectType !== undefined) out.objectType = v.objectType;
  for (const k of IFIS) if (v[k] !== undefined) out[k] = v[k];
  if (Array.isArray(v.member)) out.member = v.member.map((m) => (isObject(m) ? agentIds(m) : m));
  return out;
}
