/**
 * A populated world for security tests (authorisation matrix, fuzzing): the demo-seeded database, the app,
 * and one signed-in client plus API token per actor. "Home" actors own or serve the home objects (demo company 0,
 * its municipality, its coach, provider 0, region 07); "Other" actors hold the same role elsewhere.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { seedNoticesDemo } from '../../src/domains/notices/demo.ts';
import { ensureRegion } from '../../src/domains/organisations/index.ts';
import { seedRetentionDemo } from '../../src/domains/privacy/service/retention-demo.ts';
import type { Role } from '../../src/platform/auth.ts';
import type { Db } from '../../src/platform/db.ts';
import type { AnyRoute } from '../../src/platform/http/registry.ts';
import { apiToken, Client, makeUser, testApp } from '../app.ts';
import { testDb } from '../db.ts';

export const ACTOR_KEYS = [
  'anonymous',
  'regionAdmin',
  'regionAdminOther',
  'officerHome',
  'officerOther',
  'coachHome',
  'coachOther',
  'contactHome',
  'contactOther',
  'participantHome',
  'participantOther',
  'providerHome',
  'providerOther',
  'esfAdmin',
  'esfAdminOther',
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

export interface WorldActor {
  key: ActorKey;
  userId: string | null;
  client: Client;
  apiToken: string | null;
}

/** Ids of the home objects (and a few others) the params resolve to. */
export interface WorldIds {
  region: string;
  programme: string;
  homeCompany: string;
  otherCompany: string;
  homeMunicipality: string;
  otherMunicipality: string;
  homeProvider: string;
  otherProvider: string;
  /** An API token id of participantHome other than the one the actor signs API calls with. */
  spareTokenId: string;
  /** A session id of participantHome other than the one its client uses. */
  spareSessionId: string;
}

export interface World {
  actors: Record<ActorKey, WorldActor>;
  ids: WorldIds;
  /** Every `:param` of the route filled with a real home object's id, or null when none exists in the demo. */
  params(route: AnyRoute): Record<string, string> | null;
  /** The route's URL with its params filled in, or null. */
  url(route: AnyRoute): string | null;
  db: Db;
  app: FastifyInstance;
}

const one = async (db: Db, sql: string, args: string[] = []): Promise<string | null> => {
  const rows = await db.query<{ v: unknown }>(sql, args);
  return rows[0]?.v == null ? null : String(rows[0].v);
};
const must = async (db: Db, what: string, sql: string, args: string[] = []): Promise<string> => {
  const v = await one(db, sql, args);
  if (v === null) throw new Error(`world: no ${what} in the demo data`);
  return v;
};
const userByEmail = (db: Db, email: string) =>
  must(db, email, 'SELECT id AS v FROM users WHERE email = $1', [email]);

/**
 * Rules that map a route param to a home object: the first rule whose URL pattern matches and names the param
 * wins. Each value is one SQL query ($1 = home company, $2 = home provider org, $3 = region 07, $4 = programme).
 */
type Rule = [RegExp, string, string];
/** Provider 0's digital course, one with a draft holding questions first (the authoring pages edit the draft). */
const DL_COURSE = `(SELECT c.id FROM dl_courses c WHERE c.provider_org_id = $2
  ORDER BY EXISTS (SELECT 1 FROM dl_course_versions v JOIN dl_modules m ON m.version_id = v.id
    JOIN dl_lessons l ON l.module_id = m.id JOIN dl_questions q ON q.lesson_id = l.id
    WHERE v.course_id = c.id AND v.status = 'draft') DESC, c.created_at LIMIT 1)`;
const RULES: Rule[] = [
  // Coaching: the engagement of the home company and its parts.
  [
    /^(\/api\/v1)?\/coaching\/(engagements\/)?:id/,
    'id',
    'SELECT id AS v FROM engagements WHERE company_id = $1 ORDER BY created_at LIMIT 1',
  ],
  [/^(\/api\/v1)?\/coaching\/rules\/:id/, 'id', 'SELECT $4::text AS v'],
  [
    /coaching/,
    'meetingId',
    `SELECT m.id AS v FROM coaching_meetings m JOIN engagements e ON e.id = m.engagement_id
     WHERE e.company_id = $1 ORDER BY (SELECT count(*) FROM coaching_attachments a WHERE a.meeting_id = m.id) DESC, m.held_on LIMIT 1`,
  ],
  [
    /coaching/,
    'attachmentId',
    `SELECT a.id AS v FROM coaching_attachments a JOIN coaching_meetings m ON m.id = a.meeting_id
     JOIN engagements e ON e.id = m.engagement_id WHERE e.company_id = $1
     ORDER BY (SELECT count(*) FROM coaching_attachments b WHERE b.meeting_id = m.id) DESC, m.held_on LIMIT 1`,
  ],
  [
    /coaching/,
    'actionId',
    `SELECT a.id AS v FROM plan_actions a JOIN coaching_plans p ON p.id = a.plan_id
     JOIN engagements e ON e.id = p.engagement_id WHERE e.company_id = $1 ORDER BY a.position LIMIT 1`,
  ],
  [
    /coaching/,
    'followupId',
    `SELECT f.id AS v FROM plan_followups f JOIN engagements e ON e.id = f.engagement_id
     WHERE e.company_id = $1 ORDER BY f.due_on LIMIT 1`,
  ],
  [
    /coaching/,
    'n',
    `SELECT max(v.number) AS v FROM plan_versions v JOIN coaching_plans p ON p.id = v.plan_id
     JOIN engagements e ON e.id = p.engagement_id WHERE e.company_id = $1`,
  ],
  [
    /coaching|companies/,
    'userId',
    `SELECT cc.user_id AS v FROM company_coaches cc WHERE cc.company_id = $1 LIMIT 1`,
  ],
  // Companies and imports.
  [
    /^(\/api\/v1)?\/companies\/import/,
    'id',
    'SELECT id AS v FROM company_imports WHERE region_id = $3 ORDER BY created_at DESC LIMIT 1',
  ],
  [/^(\/api\/v1)?\/companies\/:id/, 'id', 'SELECT $1::text AS v'],
  [
    /companies/,
    'contactId',
    'SELECT id AS v FROM company_contacts WHERE company_id = $1 AND user_id IS NULL ORDER BY position LIMIT 1',
  ],
  // Mappings of the home company.
  [
    /^(\/api\/v1)?\/mappings\/:id/,
    'id',
    'SELECT id AS v FROM mappings WHERE company_id = $1 ORDER BY started_at DESC LIMIT 1',
  ],
  [
    /mappings/,
    'personId',
    'SELECT id AS v FROM company_people WHERE company_id = $1 ORDER BY created_at LIMIT 1',
  ],
  [
    /mappings/,
    'key',
    `SELECT s.section_key AS v FROM mapping_sections s JOIN mappings m ON m.id = s.mapping_id
     WHERE m.company_id = $1 ORDER BY m.started_at DESC, s.section_key LIMIT 1`,
  ],
  [
    /mappings/,
    'kind',
    `SELECT coalesce((SELECT c.kind FROM mapping_note_concepts c JOIN mappings m ON m.id = c.mapping_id
     WHERE m.company_id = $1 LIMIT 1), 'competence') AS v`,
  ],
  [
    /mappings/,
    'conceptId',
    `SELECT coalesce((SELECT c.concept_id FROM mapping_note_concepts c JOIN mappings m ON m.id = c.mapping_id
     WHERE m.company_id = $1 LIMIT 1), 'x1') AS v`,
  ],
  [
    /^(\/api\/v1)?\/mapping\/instruments\/:id/,
    'id',
    `SELECT m.instrument_id AS v FROM mappings m WHERE m.company_id = $1
     ORDER BY m.started_at DESC LIMIT 1`,
  ],
  // Training: provider 0's course with the home company's enrolments.
  [
    /^(\/api\/v1)?\/training\/courses\/:id/,
    'id',
    `SELECT c.id AS v FROM courses c JOIN course_occasions o ON o.course_id = c.id
     JOIN enrolments e ON e.occasion_id = o.id WHERE c.provider_org_id = $2 AND e.company_id = $1 ORDER BY o.starts_on LIMIT 1`,
  ],
  [
    /^\/training\/courses\/:id/,
    'oid',
    `SELECT o.id AS v FROM course_occasions o JOIN enrolments e ON e.occasion_id = o.id
     JOIN courses c ON c.id = o.course_id WHERE c.provider_org_id = $2 AND e.company_id = $1 ORDER BY o.starts_on LIMIT 1`,
  ],
  [
    /^\/training\/courses\/:id/,
    'sid',
    `SELECT s.id AS v FROM course_sessions s JOIN course_occasions o ON o.id = s.occasion_id
     JOIN enrolments e ON e.occasion_id = o.id JOIN courses c ON c.id = o.course_id
     WHERE c.provider_org_id = $2 AND e.company_id = $1 ORDER BY o.starts_on, s.starts_at LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/training\/occasions\/:id/,
    'id',
    `SELECT o.id AS v FROM course_occasions o JOIN enrolments e ON e.occasion_id = o.id
     JOIN courses c ON c.id = o.course_id WHERE c.provider_org_id = $2 AND e.company_id = $1 ORDER BY o.starts_on LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/training\/sessions\/:id/,
    'id',
    `SELECT s.id AS v FROM course_sessions s JOIN course_occasions o ON o.id = s.occasion_id
     JOIN enrolments e ON e.occasion_id = o.id JOIN courses c ON c.id = o.course_id
     WHERE c.provider_org_id = $2 AND e.company_id = $1 ORDER BY o.starts_on, s.starts_at LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/training\/enrolments\/:id/,
    'id',
    `SELECT e.id AS v FROM enrolments e JOIN course_occasions o ON o.id = e.occasion_id
     JOIN courses c ON c.id = o.course_id WHERE c.provider_org_id = $2 AND e.company_id = $1 AND e.cancelled_at IS NULL
     ORDER BY o.starts_on LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/training\/(people|learners)\/:id/,
    'id',
    `SELECT l.id AS v FROM learners l JOIN users u ON u.id = l.user_id
     WHERE l.company_id = $1 AND u.email = 'participant@example.org' LIMIT 1`,
  ],
  [
    /^\/kurser\/:id/,
    'id',
    `SELECT id AS v FROM courses WHERE provider_org_id = $2 AND status = 'approved' ORDER BY created_at LIMIT 1`,
  ],
  // The course evaluation takes the home participant's enrolment (one whose last session has ended first).
  [
    /^(\/api\/v1)?\/my\/courses\/:id\/evaluation/,
    'id',
    `SELECT e.id AS v FROM enrolments e JOIN learners l ON l.id = e.learner_id JOIN users u ON u.id = l.user_id
     JOIN course_occasions o ON o.id = e.occasion_id
     WHERE u.email = 'participant@example.org' AND e.status = 'enrolled'
     ORDER BY (SELECT max(s.ends_at) FROM course_sessions s WHERE s.occasion_id = o.id) < now() DESC NULLS LAST, o.starts_on LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/my\/courses\/:id/,
    'id',
    `SELECT c.id AS v FROM enrolments e JOIN learners l ON l.id = e.learner_id
     JOIN users u ON u.id = l.user_id JOIN course_occasions o ON o.id = e.occasion_id JOIN courses c ON c.id = o.course_id
     WHERE u.email = 'participant@example.org' ORDER BY o.starts_on LIMIT 1`,
  ],
  // E-learning: provider 0's digital course (one with a draft, which the authoring pages edit); the home
  // participant's enrolment.
  [/^(\/api\/v1)?\/learning\/courses\/:id/, 'id', `SELECT ${DL_COURSE} AS v`],
  [
    /^(\/api\/v1)?\/learning\/courses\/:id/,
    'moduleId',
    `SELECT m.id AS v FROM dl_modules m JOIN dl_course_versions v ON v.id = m.version_id
     WHERE v.course_id = ${DL_COURSE} ORDER BY (v.status = 'draft') DESC, v.version DESC, m.position LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/learning\/courses\/:id/,
    'lessonId',
    `SELECT l.id AS v FROM dl_lessons l JOIN dl_modules m ON m.id = l.module_id
     JOIN dl_course_versions v ON v.id = m.version_id WHERE v.course_id = ${DL_COURSE}
     ORDER BY (v.status = 'draft') DESC, v.version DESC, m.position, l.position LIMIT 1`,
  ],
  [
    /^(\/api\/v1)?\/learning\/courses\/:id/,
    'questionId',
    `SELECT q.id AS v FROM dl_questions q JOIN dl_lessons l ON l.id = q.lesson_id
     JOIN dl_modules m ON m.id = l.module_id JOIN dl_course_versions v ON v.id = m.version_id
     WHERE v.course_id = ${DL_COURSE}
     ORDER BY (v.status = 'draft') DESC, v.version DESC, m.position, l.position, q.position LIMIT 1`,
  ],
  [
    /^\/learning\/media\/:id/,
    'id',
    'SELECT id AS v FROM dl_media WHERE provider_org_id = $2 ORDER BY created_at LIMIT 1',
  ],
  [
    /learning/,
    'enrolmentId',
    `SELECT e.id AS v FROM dl_enrolments e JOIN users u ON u.id = e.user_id
     WHERE u.email = 'participant@example.org' ORDER BY e.created_at LIMIT 1`,
  ],
  [
    /learning\/(e|enrolments)\//,
    'lessonId',
    `SELECT l.id AS v FROM dl_enrolments e JOIN users u ON u.id = e.user_id
     JOIN dl_modules m ON m.version_id = e.version_id JOIN dl_lessons l ON l.module_id = m.id
     WHERE u.email = 'participant@example.org' ORDER BY e.created_at, (l.kind = 'quiz') DESC, m.position, l.position LIMIT 1`,
  ],
  [
    /learning\/e\//,
    'attemptId',
    `SELECT a.id AS v FROM dl_quiz_attempts a JOIN dl_enrolments e ON e.id = a.enrolment_id
     JOIN users u ON u.id = e.user_id WHERE u.email = 'participant@example.org' LIMIT 1`,
  ],
  [
    /^\/learning\/catalogue/,
    'trainingCourseId',
    'SELECT training_course_id AS v FROM dl_courses WHERE training_course_id IS NOT NULL LIMIT 1',
  ],
  [
    /^(\/api\/v1)?\/learning\/(catalogue\/)?:courseId/,
    'courseId',
    `SELECT e.course_id AS v FROM dl_enrolments e JOIN users u ON u.id = e.user_id
     WHERE u.email = 'participant@example.org' ORDER BY e.created_at LIMIT 1`,
  ],
  // LTI: provider 0's tool and link.
  [/lti/, 'id', 'SELECT id AS v FROM lti_tools WHERE provider_org_id = $2 ORDER BY created_at LIMIT 1'],
  [
    /lti/,
    'linkId',
    `SELECT l.id AS v FROM lti_links l JOIN lti_tools t ON t.id = l.tool_id WHERE t.provider_org_id = $2
     ORDER BY l.created_at LIMIT 1`,
  ],
  // ESF administration.
  [
    /esf\/participants/,
    'id',
    `SELECT p.id AS v FROM esf_participants p JOIN users u ON u.id = p.user_id
     WHERE u.email = 'participant@example.org' LIMIT 1`,
  ],
  [
    /(esf|my)\/certificates/,
    'id',
    `SELECT c.id AS v FROM esf_certificates c JOIN esf_participants p ON p.id = c.participant_id
     JOIN users u ON u.id = p.user_id WHERE u.email = 'participant@example.org' ORDER BY c.month DESC, c.version DESC LIMIT 1`,
  ],
  [
    /esf\/claims/,
    'id',
    'SELECT id AS v FROM esf_claim_periods WHERE programme_id = $4 ORDER BY first_month LIMIT 1',
  ],
  [
    /esf\/reports/,
    'id',
    'SELECT id AS v FROM esf_progress_reports WHERE programme_id = $4 ORDER BY period_from LIMIT 1',
  ],
  [
    /esf\/scb/,
    'month',
    'SELECT month AS v FROM esf_scb_months WHERE programme_id = $4 ORDER BY month DESC LIMIT 1',
  ],
  [
    /esf\/scb/,
    'version',
    `SELECT max(version) AS v FROM esf_scb_months WHERE programme_id = $4
     AND month = (SELECT max(month) FROM esf_scb_months WHERE programme_id = $4)`,
  ],
  [
    /esf\/scb/,
    'file',
    `SELECT max(version) || '.csv' AS v FROM esf_scb_months WHERE programme_id = $4
     AND month = (SELECT max(month) FROM esf_scb_months WHERE programme_id = $4)`,
  ],
  [/esf\/budget/, 'month', `SELECT to_char(now(), 'YYYY-MM') AS v`],
  [/esf\/deminimis/, 'companyId', 'SELECT $1::text AS v'],
  // Credentials: the home participant's credential issued by provider 0 (or any issuer of the region).
  [
    /credentials|issuers/,
    'id',
    `SELECT c.id AS v FROM credentials c JOIN users u ON u.id = c.user_id
     WHERE u.email = 'participant@example.org' ORDER BY (c.organisation_id = $2) DESC, c.issued_at LIMIT 1`,
  ],
  [/credentials|issuers/, 'orgId', 'SELECT $2::text AS v'],
  // Staff time of the home coach.
  [
    /time\/entries/,
    'id',
    `SELECT t.id AS v FROM staff_time_entries t JOIN users u ON u.id = t.user_id
     WHERE u.email = 'coach@example.org' ORDER BY t.work_date DESC LIMIT 1`,
  ],
  [
    /time\/(month|months)/,
    'month',
    `SELECT coalesce(to_char(max(t.work_date), 'YYYY-MM'), to_char(now(), 'YYYY-MM')) AS v
     FROM staff_time_entries t JOIN users u ON u.id = t.user_id WHERE u.email = 'coach@example.org'`,
  ],
  [/time\/staff/, 'userId', `SELECT id AS v FROM users WHERE email = 'coach@example.org'`],
  // Administration of region 07.
  [/admin\/jobs/, 'id', 'SELECT id AS v FROM jobs WHERE region_id = $3 ORDER BY created_at LIMIT 1'],
  [
    /^(\/api\/v1)?\/(admin\/)?users\/:id/,
    'id',
    `SELECT id AS v FROM users WHERE email = 'spare.member@example.org'`,
  ],
  [
    /admin\/users\/memberships/,
    'id',
    `SELECT m.id AS v FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE u.email = 'spare.member@example.org' LIMIT 1`,
  ],
  [/xapi/, 'id', 'SELECT id AS v FROM xapi_clients WHERE region_id = $3 ORDER BY created_at LIMIT 1'],
  // Privacy: the home participant as a data subject; the region's open disposal proposal; its reports.
  [
    /privacy\/retention/,
    'id',
    'SELECT id AS v FROM disposal_proposals WHERE region_id = $3 ORDER BY proposed_at LIMIT 1',
  ],
  [/privacy/, 'source', `SELECT 'users'::text AS v`],
  [/privacy/, 'id', `SELECT id AS v FROM users WHERE email = 'participant@example.org'`],
  [/privacy/, 'userId', `SELECT id AS v FROM users WHERE email = 'participant@example.org'`],
  [
    /accessibility-reports/,
    'id',
    'SELECT id AS v FROM accessibility_reports WHERE region_id = $3 ORDER BY created_at LIMIT 1',
  ],
];

/**
 * Token-bearing public links (invitations, password resets, signing links, calendar feeds): the world fills
 * them with a well-formed token that matches nothing, so every caller must be refused or shown "invalid link".
 */
const BOGUS: Record<string, string> = {
  token: 'bogus-token-bogus-token-bogus-token-00000',
  file: 'bogusbogusbogusbogusbogus0.ics',
};

export async function buildWorld(): Promise<World> {
  const db = await testDb({ demo: true });
  const { app } = await testApp(db);
  const region = await ensureRegion(db, '07');
  const region06 = await ensureRegion(db, '06');
  const programme = await must(
    db,
    'programme',
    'SELECT id AS v FROM programmes WHERE region_id = $1 LIMIT 1',
    [region],
  );
  const participant = await userByEmail(db, 'participant@example.org');
  const homeCompany = await must(
    db,
    'home company',
    `SELECT company_id AS v FROM memberships WHERE user_id = $1 AND role = 'participant'`,
    [participant],
  );
  const homeMunicipality = await must(
    db,
    'home municipality',
    'SELECT municipality_code AS v FROM company_workplaces WHERE company_id = $1 LIMIT 1',
    [homeCompany],
  );
  const homeCoach = await userByEmail(db, 'coach@example.org');
  const otherCoach = await userByEmail(db, 'coach.alvesta@example.org');
  const homeProvider = await must(
    db,
    'provider',
    `SELECT organisation_id AS v FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'provider@example.org'`,
  );
  const otherProvider = await must(
    db,
    'second provider',
    `SELECT id AS v FROM organisations WHERE kind = 'provider' AND id <> $1 ORDER BY created_at LIMIT 1`,
    [homeProvider],
  );
  // Another company of the region: another municipality, no coach of its own, no demo contact.
  const otherCompany = await must(
    db,
    'other company',
    `SELECT c.id AS v FROM companies c JOIN company_workplaces w ON w.company_id = c.id
     WHERE w.municipality_code NOT IN ($1, '0764') AND NOT EXISTS (SELECT 1 FROM company_coaches x WHERE x.company_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM company_contacts k WHERE k.company_id = c.id AND k.user_id IS NOT NULL)
     ORDER BY c.created_at LIMIT 1`,
    [homeMunicipality],
  );
  const otherMunicipality = await must(
    db,
    'other municipality',
    'SELECT municipality_code AS v FROM company_workplaces WHERE company_id = $1 LIMIT 1',
    [otherCompany],
  );
  const mk = async (role: Role, org: string, county?: string) =>
    (await makeUser(db, [{ role, org }], { county })).id;
  const userIds: Record<ActorKey, string | null> = {
    anonymous: null,
    regionAdmin: await userByEmail(db, 'region.admin@example.org'),
    regionAdminOther: await mk('region_admin', 'region', '06'),
    officerHome: await mk('municipality_officer', homeMunicipality),
    officerOther: await mk('municipality_officer', otherMunicipality),
    coachHome: homeCoach,
    coachOther: otherCoach,
    contactHome: await userByEmail(db, 'company@example.org'),
    contactOther: await mk('company_contact', `company:${otherCompany}`),
    participantHome: participant,
    participantOther: await mk('participant', `company:${otherCompany}`),
    providerHome: await userByEmail(db, 'provider@example.org'),
    providerOther: await mk('provider', otherProvider),
    esfAdmin: await userByEmail(db, 'esf@example.org'),
    esfAdminOther: await mk('esf_admin', 'region', '06'),
  };
  void region06;
  // Objects the demo lacks: a failed job of the region, a person of the home company, an attachment of a
  // home meeting, an open claim period.
  await db.query(
    `INSERT INTO jobs (id, name, region_id, status, attempts, max_attempts) VALUES ($1, 'world.noop', $2, 'failed', 5, 5)`,
    [randomUUID(), region],
  );
  await db.query(
    `INSERT INTO company_people (id, company_id, name, role_key, role_title) VALUES ($1, $2, 'Vera Världsdotter', 'world', 'Operatör')`,
    [randomUUID(), homeCompany],
  );
  // (The uploads check may add a sha256 column; fill it when present.)
  const hasSha = await one(
    db,
    `SELECT 'y' AS v FROM information_schema.columns WHERE table_name = 'coaching_attachments' AND column_name = 'sha256'`,
  );
  await db.query(
    `INSERT INTO coaching_attachments (id, meeting_id, file_name, media_type, size_bytes, content${hasSha ? ', sha256' : ''})
     SELECT $1, m.id, 'world.txt', 'text/plain', 5, convert_to('hello', 'UTF8')
       ${hasSha ? ", encode(sha256(convert_to('hello', 'UTF8')), 'hex')" : ''} FROM coaching_meetings m
     JOIN engagements e ON e.id = m.engagement_id WHERE e.company_id = $2 ORDER BY m.held_on LIMIT 1`,
    [randomUUID(), homeCompany],
  );
  await db.query(
    `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month) VALUES ($1, $2, '2099-01', '2099-06')`,
    [randomUUID(), programme],
  );
  // A pending company import of the region (the import pages need one).
  await db.query(
    `INSERT INTO company_imports (id, user_id, region_id, file_name, duplicate_mode, summary)
     VALUES ($1, $2, $3, 'world.csv', 'skip', $4::jsonb)`,
    [
      randomUUID(),
      userIds.regionAdmin,
      region,
      JSON.stringify({
        counts: { new: 0, update: 0, unchanged: 0, skip: 0, error: 0 },
        total: 0,
        format: 'csv',
        encoding: 'utf-8',
        delimiter: ';',
        ignoredHeaders: [],
      }),
    ],
  );
  // A quiz lesson with a question in provider 0's draft (the authoring pages edit the draft only).
  const lesson = randomUUID();
  await db.query(
    `INSERT INTO dl_lessons (id, module_id, key, position, kind, title)
     SELECT $1, m.id, $3, coalesce((SELECT max(x.position) FROM dl_lessons x WHERE x.module_id = m.id), 0) + 1,
            'quiz', 'Världens quiz'
       FROM dl_modules m JOIN dl_course_versions v ON v.id = m.version_id JOIN dl_courses c ON c.id = v.course_id
      WHERE c.provider_org_id = $2 AND v.status = 'draft' ORDER BY c.created_at, m.position LIMIT 1`,
    [lesson, homeProvider, randomUUID()],
  );
  await db.query(
    `INSERT INTO dl_questions (id, lesson_id, key, position, kind, prompt)
     SELECT $1, id, $2, 1, 'single', 'Världens fråga?' FROM dl_lessons WHERE id = $3`,
    [randomUUID(), randomUUID(), lesson],
  );
  // A user whose membership the "remove membership" routes may delete (not one of the actors).
  const spare = await mk('coach', homeMunicipality);
  await db.query(`UPDATE users SET email = 'spare.member@example.org' WHERE id = $1`, [spare]);
  // …bound to a single sign-on identity, which the "unlink SSO" routes remove.
  await db.query(
    `INSERT INTO oidc_identities (issuer, subject, user_id) VALUES ('https://idp.world.test', 'spare', $1)`,
    [spare],
  );
  // The public credential pages show shared credentials only: share the one the params point at.
  await db.query(
    `UPDATE credentials SET shared_at = now() WHERE id = (SELECT c.id FROM credentials c JOIN users u ON u.id = c.user_id
     WHERE u.email = 'participant@example.org' ORDER BY (c.organisation_id = $1) DESC, c.issued_at LIMIT 1)`,
    [homeProvider],
  );
  // A retention decision with an open disposal proposal, and accessibility reports (both idempotent: no-ops
  // once the demo seed makes them).
  await seedRetentionDemo(db, region, userIds.regionAdmin as string);
  await seedNoticesDemo(db, region);
  const actors = {} as Record<ActorKey, WorldActor>;
  for (const key of Object.keys(userIds) as ActorKey[]) {
    const userId = userIds[key];
    actors[key] = {
      key,
      userId,
      client: await Client.as(app, db, userId ? { id: userId, email: '' } : null),
      apiToken: userId ? await apiToken(db, userId) : null,
    };
  }
  await apiToken(db, participant);
  // A second session of participantHome, for the "end a session" routes (its own client keeps working).
  await Client.as(app, db, { id: participant, email: '' });
  const spareSessionId = await must(
    db,
    'spare session',
    'SELECT id::text AS v FROM auth_sessions WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 1',
    [participant],
  );
  // The matrix tests authorisation, not the second factor (tested on its own): mark every session as having it.
  await db.query('UPDATE auth_sessions SET second_factor = true');
  const spareTokenId = await must(
    db,
    'spare token',
    'SELECT id AS v FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 1',
    [participant],
  );
  const ids: WorldIds = {
    region,
    programme,
    homeCompany,
    otherCompany,
    homeMunicipality,
    otherMunicipality,
    homeProvider,
    otherProvider,
    spareTokenId,
    spareSessionId,
  };
  // Resolve every distinct (rule, param) once, up front, so params() is synchronous.
  const resolved = new Map<string, string | null>();
  const sqlArgs = [homeCompany, homeProvider, region, programme];
  // Every query gets all four arguments (PGlite insists on an exact count), typed up front.
  const wrap = (sql: string) =>
    `SELECT $1::uuid AS a, $2::uuid AS b, $3::uuid AS c, $4::uuid AS d, (${sql}) AS v`;
  for (const [, , sql] of RULES) if (!resolved.has(sql)) resolved.set(sql, await one(db, wrap(sql), sqlArgs));
  const params = (route: AnyRoute): Record<string, string> | null => {
    const out: Record<string, string> = {};
    for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
      if (name === undefined) continue;
      if (/account\/(api-tokens|sessions)/.test(route.url) && name === 'id') {
        out[name] = /sessions/.test(route.url) ? spareSessionId : spareTokenId;
        continue;
      }
      const rule = RULES.find(([re, p]) => p === name && re.test(route.url));
      const value = rule ? resolved.get(rule[2]) : (BOGUS[name] ?? undefined);
      if (value === undefined) throw new Error(`world: no rule for :${name} in ${route.method} ${route.url}`);
      if (value === null) return null;
      out[name] = value;
    }
    return out;
  };
  const url = (route: AnyRoute): string | null => {
    const p = params(route);
    return p && route.url.replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(p[n] as string));
  };
  return { actors, ids, params, url, db, app };
}

export async function closeWorld(w: World): Promise<void> {
  await w.app.close();
  await w.db.close();
}
