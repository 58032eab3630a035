// Synthetic ESF participants and SCB months, for load tests: every synthetic learner of a region (company
// org_number 502…, an SME with a workplace in the county) enrolled on an ESF-financed occasion (paid by the
// programme) is registered in the region's ESF programme as the product stores a registration from an
// enrolment — names, gender and e-mail from the learner, a fictitious Luhn-correct personnummer (serial 9nn,
// as the demo's) sealed under the key ring with its keyed hash and masked form, age at start, the employer's
// organisationsnummer, the nearest manager (a company contact when there is one), information text
// acknowledged, eligibility confirmed, start = first activity (attended course time or digital learning).
// Half of those without activity for 14 days and nothing booked ahead are closed at their last activity.
// Then every past month of the programme gets the SCB version the product would produce (a first version,
// or a correction when the registrations changed the month; rows, checksum over the canonical CSV, later
// months marked for re-sending, audit rows).
//
// The month production is the product's rule written out here (esf/service/scb.ts `produceMonth` is not
// exported by the domain's index, which src/demo may only use): synthetic-esf.test.ts checks the product
// sees no changes afterwards and that its download verifies every checksum.
//
// Values come from md5 of (seed, learner); a second run adds nothing. Sealing uses a random IV, as the product
// does, so sealed bytes differ between runs; everything else is a function of the seed and the database.
// A region without a programme (or whose programme's rules were never opened) gets nothing.
import { createHash } from 'node:crypto';
import { ensureRegion } from '../domains/organisations/index.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';
import { ageOn, luhnCheckDigit, maskPersonnummer, parseEsfIdentity } from '../platform/identifiers.ts';
import { type Keyring, lookupHash, seal } from '../platform/secrets.ts';
import { DEFAULT_SEED } from './synthetic.ts';
import { type Programme, produceScbMonths, swedishToday } from './synthetic-esf-months.ts';

export { SYNTHETIC_SCB_REASON } from './synthetic-esf-months.ts';

import { bits, isSuperuser } from './synthetic-sql.ts';

export interface SeedEsfOptions {
  /** The key ring the product runs with (ESF_KEY): identities are sealed under its current key. */
  keyring: Keyring;
  seed?: number;
  county?: string;
  /** Learners per transaction (default 1 000). */
  batchSize?: number;
  /** Produce the SCB months up to last month (default true). */
  scbMonths?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedEsfResult {
  /** The programme's id, or null when the region has none. */
  programmeId: string | null;
  participants: number;
  ended: number;
  /** SCB month versions produced (first versions and corrections). */
  scbVersions: number;
  scbRows: number;
  ms: number;
}

/** Fictitious mobile numbers: PTS reserves 070-1740605 … 070-1740699 for fiction. */
const FICTION_MOBILE = (h: string) => `'070-17406' || lpad((5 + ${bits(h, 20)} % 95)::text, 2, '0')`;

export const esfParticipantId = (programme: string, learner: string) =>
  sqlUuidFrom(`'kn-synthetic-esf:' || ${programme}::text || ':' || ${learner}::text`);

/**
 * A fictitious personnummer YYYYMMDD-9dgc: serial 9nn (as the demo's), `slot` 0–49 picks the middle digit
 * and the gender digit (even for women, odd for men), c the Luhn check digit.
 */
export function syntheticPersonnummer(birthDate: string, gender: 'woman' | 'man', slot: number): string {
  const d = Math.floor(slot / 5) % 10;
  const g = 2 * (slot % 5) + (gender === 'man' ? 1 : 0);
  const body = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}9${d}${g}`;
  return `${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}-9${d}${g}${luhnCheckDigit(body)}`;
}

/** The region's programme as the ESF domain picks it (running today first, then the latest), with its rules. */
async function programmeOf(db: Db, regionId: string): Promise<Programme | null> {
  const [p] = await db.query<Omit<Programme, 'informationSha256'> & { informationText: string }>(
    `SELECT p.id, p.region_id AS "regionId", to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn",
            r.scb_columns AS "scbColumns", r.information_text AS "informationText"
       FROM programmes p JOIN esf_programme_rules r ON r.programme_id = p.id
      WHERE p.id = (SELECT id FROM programmes WHERE region_id = $1
                     ORDER BY (current_date BETWEEN starts_on AND ends_on) DESC, starts_on DESC, id LIMIT 1)`,
    [regionId],
  );
  if (!p) return null;
  const { informationText, ...rest } = p;
  return { ...rest, informationSha256: createHash('sha256').update(informationText, 'utf8').digest('hex') };
}

interface Candidate {
  id: string;
  learnerId: string;
  userId: string | null;
  companyId: string;
  orgNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  gender: 'woman' | 'man';
  birthDate: string;
  slot: number;
  mobile: string | null;
  managerContactId: string | null;
  managerName: string;
  managerEmail: string | null;
  startedOn: string | null;
  endedOn: string | null;
  closedAt: string | null;
}

/** Registrable learners without a registration ($1 region, $2 programme, $3 county), ordered by id. */
const LEARNERS = `SELECT l.id FROM learners l JOIN companies c ON c.id = l.company_id
   WHERE c.region_id = $1 AND c.org_number LIKE '502%' AND c.is_sme
     AND EXISTS (SELECT 1 FROM company_workplaces w WHERE w.company_id = c.id AND left(w.municipality_code, 2) = $3)
     AND EXISTS (SELECT 1 FROM enrolments e JOIN course_occasions o ON o.id = e.occasion_id
                   JOIN courses k ON k.id = o.course_id AND k.region_id = $1
                  WHERE e.learner_id = l.id AND e.status = 'enrolled' AND e.paid_by = 'programme')
     AND NOT EXISTS (SELECT 1 FROM esf_participants p WHERE p.programme_id = $2 AND p.learner_id = l.id)
   ORDER BY l.id`;

/** One batch's registrations ($1 learner ids, $2 programme, $3 seed): everything but the identity. */
const CANDIDATES = `WITH l AS MATERIALIZED (
    SELECT l.*, md5($3::text || ':esf:' || l.id::text) AS h
      FROM unnest($1::uuid[]) AS b(id) JOIN learners l ON l.id = b.id),
  act AS MATERIALIZED (
    SELECT l.id, min(f.day) AS first, max(f.day) AS last FROM l CROSS JOIN LATERAL (
        SELECT (s.starts_at AT TIME ZONE 'Europe/Stockholm')::date AS day
          FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id AND a.minutes > 0
          JOIN course_sessions s ON s.id = a.session_id WHERE e.learner_id = l.id AND e.status <> 'cancelled'
        UNION ALL
        SELECT t.day FROM dl_enrolments de JOIN dl_time t ON t.enrolment_id = de.id AND t.minutes > 0
         WHERE de.learner_id = l.id) f
     GROUP BY l.id),
  ahead AS (
    SELECT DISTINCT e.learner_id AS id FROM l JOIN enrolments e ON e.learner_id = l.id AND e.status = 'enrolled'
      JOIN course_occasions o ON o.id = e.occasion_id WHERE o.ends_on >= current_date)
  SELECT ${esfParticipantId('$2', 'l.id')}::text AS id, l.id AS "learnerId",
         l.user_id AS "userId", c.id AS "companyId", c.org_number AS "orgNumber", l.first_name AS "firstName",
         l.last_name AS "lastName", l.email,
         CASE WHEN l.gender IN ('woman', 'man') THEN l.gender
              WHEN ${bits('l.h', 1)} % 2 = 0 THEN 'woman' ELSE 'man' END AS gender,
         to_char(make_date(coalesce(l.birth_year, 1960 + ${bits('l.h', 8)} % 45), 1, 1)
                 + ${bits('l.h', 8)} % 365, 'YYYY-MM-DD') AS "birthDate",
         ${bits('l.h', 15)} % 50 AS slot,
         CASE WHEN ${bits('l.h', 22)} % 100 < 40 THEN ${FICTION_MOBILE('l.h')} END AS mobile,
         mc.id AS "managerContactId", coalesce(mc.name, 'Närmaste chef') AS "managerName", mc.email AS "managerEmail",
         to_char(act.first, 'YYYY-MM-DD') AS "startedOn",
         to_char(CASE WHEN closes THEN act.last END, 'YYYY-MM-DD') AS "endedOn",
         CASE WHEN closes THEN to_char(least(((act.last + 7 + ${bits('l.h', 26)} % 30) + time '10:00')
                                               AT TIME ZONE 'Europe/Stockholm', now() - interval '1 hour')
                                         AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS "closedAt"
    FROM l JOIN companies c ON c.id = l.company_id
    LEFT JOIN act ON act.id = l.id
    CROSS JOIN LATERAL (SELECT act.last IS NOT NULL AND act.last <= current_date - 14
                               AND NOT EXISTS (SELECT 1 FROM ahead WHERE ahead.id = l.id)
                               AND ${bits('l.h', 4)} % 2 = 0 AS closes) x
    LEFT JOIN LATERAL (SELECT k.id, k.name, k.email FROM company_contacts k WHERE k.company_id = c.id
                        ORDER BY k.position, k.id LIMIT 1) mc ON true
   ORDER BY l.id`;

const INSERT_PARTICIPANTS = `INSERT INTO esf_participants (id, programme_id, region_id, source, learner_id, user_id,
    first_name, last_name, gender, age_at_start, company_id, employer_org_number, manager_contact_id, manager_name,
    manager_email, email, mobile, started_on, ended_on, end_reason, closed_at, closed_by, eligibility_confirmed_at,
    eligibility_confirmed_by, information_acknowledged_at, information_text_sha256, protected_identity,
    created_by, created_at, updated_at)
  SELECT t.id, $1, $2, 'enrolment', t.learner, t.usr, t.fn, t.ln, t.gender, t.age, t.company, t.org, t.mc,
         t.mname, t.memail, t.email, t.mobile, t.started, t.ended,
         CASE WHEN t.ended IS NOT NULL THEN 'Utbildningen avslutad' END, t.closed,
         CASE WHEN t.ended IS NOT NULL THEN $3::uuid END, t.registered, $3::uuid, t.registered, $4, false, $3::uuid,
         t.registered, coalesce(t.closed, t.registered)
    FROM unnest($5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::int[], $12::uuid[],
                $13::text[], $14::uuid[], $15::text[], $16::text[], $17::text[], $18::text[], $19::date[],
                $20::date[], $21::timestamptz[], $22::timestamptz[])
      AS t(id, learner, usr, fn, ln, gender, age, company, org, mc, mname, memail, email, mobile, started, ended,
           closed, registered)`;

const INSERT_IDENTITIES = `INSERT INTO esf_identities (participant_id, programme_id, kind, key_id, sealed, lookup_hash, masked)
  SELECT t.id, $1, 'personnummer', $2, decode(t.sealed, 'base64'), t.hash, t.masked
    FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(id, sealed, hash, masked)`;

/** Registration time: the day before the start (or 10 days ago without a start), 09:00 Stockholm time. */
function registeredAt(startedOn: string | null, today: string): string {
  const d = new Date(`${startedOn ?? today}T09:00:00+01:00`);
  d.setUTCDate(d.getUTCDate() - (startedOn ? 1 : 10));
  return d.toISOString();
}

/** Register a batch of learners: personnummer (unique keyed hash in the programme), sealed identity, rows. */
async function registerBatch(
  tx: Db,
  keyring: Keyring,
  p: Programme,
  adminId: string | null,
  rows: Candidate[],
  taken: Set<string>,
): Promise<{ participants: number; ended: number }> {
  const today = swedishToday();
  const ids: string[] = [];
  const identity = { sealed: [] as string[], hash: [] as string[], masked: [] as string[] };
  const ages: (number | null)[] = [];
  for (const r of rows) {
    let value: string | null = null;
    let hash = '';
    // The first free slot from the learner's own: 50 numbers per birth date and gender.
    for (let k = 0; k < 50 && value === null; k++) {
      const candidate = syntheticPersonnummer(r.birthDate, r.gender, (r.slot + k) % 50);
      const parsed = parseEsfIdentity(candidate);
      if (!parsed.ok || parsed.kind !== 'personnummer' || parsed.gender !== r.gender)
        throw new Error('a synthetic personnummer did not parse as one');
      const keyed = [...keyring.keys.keys()].map((id) => lookupHash(keyring, id, parsed.value));
      if (keyed.some((h) => taken.has(h))) continue;
      value = parsed.value;
      hash = lookupHash(keyring, keyring.currentId, value);
      for (const h of keyed) taken.add(h);
    }
    if (value === null) throw new Error('no free synthetic personnummer for a birth date');
    const sealed = seal(keyring, value, r.id);
    ids.push(r.id);
    identity.sealed.push(sealed.sealed.toString('base64'));
    identity.hash.push(hash);
    identity.masked.push(maskPersonnummer(value));
    ages.push(ageOn(r.birthDate, r.startedOn ?? today));
  }
  const col = <T>(f: (r: Candidate) => T) => rows.map(f) as unknown as string[];
  await tx.query(INSERT_PARTICIPANTS, [
    p.id,
    p.regionId,
    adminId,
    p.informationSha256,
    ids,
    col((r) => r.learnerId),
    col((r) => r.userId),
    col((r) => r.firstName),
    col((r) => r.lastName),
    col((r) => r.gender),
    ages as unknown as string[],
    col((r) => r.companyId),
    col((r) => r.orgNumber),
    col((r) => r.managerContactId),
    col((r) => r.managerName),
    col((r) => r.managerEmail),
    col((r) => r.email),
    col((r) => r.mobile),
    col((r) => r.startedOn),
    col((r) => r.endedOn),
    col((r) => r.closedAt),
    col((r) => registeredAt(r.startedOn, today)),
  ]);
  await tx.query(INSERT_IDENTITIES, [
    p.id,
    keyring.currentId,
    ids,
    identity.sealed,
    identity.hash,
    identity.masked,
  ]);
  return { participants: rows.length, ended: rows.filter((r) => r.endedOn !== null).length };
}

export async function seedSyntheticEsf(db: Db, opts: SeedEsfOptions): Promise<SeedEsfResult> {
  const started = performance.now();
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const county = opts.county ?? '07';
  const batchSize = opts.batchSize ?? 1000;
  const regionId = await ensureRegion(db, county);
  const p = await programmeOf(db, regionId);
  const none = { participants: 0, ended: 0, scbVersions: 0, scbRows: 0 };
  if (!p) return { programmeId: null, ...none, ms: performance.now() - started };
  const [admin] = await db.query<{ id: string }>(
    `SELECT m.user_id AS id FROM memberships m WHERE m.role = 'esf_admin' AND m.organisation_id = $1
      ORDER BY m.created_at, m.id LIMIT 1`,
    [regionId],
  );
  const adminId = admin?.id ?? null;
  const learners = (await db.query<{ id: string }>(LEARNERS, [regionId, p.id, county])).map((r) => r.id);
  const taken = new Set(
    (
      await db.query<{ h: string }>('SELECT lookup_hash AS h FROM esf_identities WHERE programme_id = $1', [
        p.id,
      ])
    ).map((r) => r.h),
  );
  const fast = await isSuperuser(db);
  let participants = 0;
  let ended = 0;
  for (let from = 0; from < learners.length; from += batchSize) {
    const ids = learners.slice(from, from + batchSize);
    await db.tx(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SET LOCAL jit = off');
      if (fast) await tx.query('SET LOCAL session_replication_role = replica');
      const rows = await tx.query<Candidate>(CANDIDATES, [ids, p.id, seed]);
      const n = await registerBatch(tx, opts.keyring, p, adminId, rows, taken);
      participants += n.participants;
      ended += n.ended;
    });
    opts.onProgress?.(Math.min(from + batchSize, learners.length), learners.length);
  }
  if (participants > 0) {
    for (const t of ['esf_participants', 'esf_identities']) await db.exec(`ANALYZE ${t}`);
    await audit(db, {
      actorUserId: null,
      action: 'esf.synthetic_participants',
      entityType: 'esf_participant',
      organisationId: regionId,
      details: { participants, ended, seed: Number(seed) },
    });
  }
  const scb =
    opts.scbMonths === false
      ? { versions: 0, rows: 0 }
      : await produceScbMonths(db, opts.keyring, p, adminId, seed);
  if (scb.versions > 0)
    for (const t of ['esf_scb_months', 'esf_scb_month_rows']) await db.exec(`ANALYZE ${t}`);
  return {
    programmeId: p.id,
    participants,
    ended,
    scbVersions: scb.versions,
    scbRows: scb.rows,
    ms: performance.now() - started,
  };
}
