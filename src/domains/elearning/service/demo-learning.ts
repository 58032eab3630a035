// Demo data of the learner side (issue 7): the demo participant with one digital course in progress and one
// completed, and 30 synthetic learners (women and men of demo companies in several municipalities) with
// varied progress, quiz attempts, time per day over the last months, completions (with credentials) and
// ratings, so that the study page has meaningful numbers. Deterministic; does nothing when there are no
// published digital courses or when learners are already enrolled (idempotent).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { insertMembership, insertUser } from '../../accounts/index.ts';
import { issueCredential } from '../../credentials/index.ts';
import { ensureLearnerOfUser, learnersOfUser } from '../../training/index.ts';
import { type ProductStatement, recordStatements } from '../../xapi/index.ts';
import { loadVersionContent } from '../repo-content.ts';
import * as repo from '../repo-learning.ts';
import { type CourseContent, lessonsInOrder } from '../types.ts';
import * as xapi from './learning-xapi.ts';
import { progressPercent, stockholmDay } from './progress-time.ts';
import { scoreQuiz } from './quiz-score.ts';

const DAY = 86_400_000;
const WOMEN = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Emma',
  'Ingrid',
  'Linnéa',
  'Fatima',
  'Amira',
  'Elin',
  'Malin',
];
const MEN = [
  'Lars',
  'Anders',
  'Johan',
  'Erik',
  'Per',
  'Karl',
  'Mikael',
  'Ahmad',
  'Jonas',
  'Oskar',
  'Nils',
  'Ali',
];
const LAST = [
  'Johansson',
  'Andersson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Lindqvist',
  'Holm',
  'Ek',
  'Hassan',
];

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const pickOf = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

interface Env {
  db: Db;
  baseUrl: string;
  keyring: Keyring;
  now: Date;
}

type Plan = {
  kind: 'completed' | 'progress' | 'launched';
  lessons: number;
  failFirstQuiz: boolean;
  rate: boolean;
};

/** Play one enrolment forward in time: lessons done, quiz attempts, minutes per day, completion, rating. */
async function play(
  env: Env,
  r: () => number,
  e: {
    learnerId: string;
    userId: string;
    companyId: string;
    content: CourseContent;
    startDaysAgo: number;
    plan: Plan;
    source: 'self' | 'invitation';
  },
): Promise<void> {
  const { content, plan } = e;
  const lessons = lessonsInOrder(content);
  await env.db.tx(async (db) => {
    if (await repo.liveEnrolmentId(db, content.courseId, e.learnerId)) return;
    const id = randomUUID();
    await repo.insertEnrolment(db, {
      id,
      courseId: content.courseId,
      versionId: content.versionId,
      learnerId: e.learnerId,
      userId: e.userId,
      companyId: e.companyId,
      source: e.source,
      invitedBy: null,
    });
    let at = new Date(env.now.getTime() - e.startDaysAgo * DAY);
    await db.query('UPDATE dl_enrolments SET created_at = $2 WHERE id = $1', [id, at]);
    const scope = (when: Date): xapi.StatementScope => ({
      baseUrl: env.baseUrl,
      userId: e.userId,
      enrolmentId: id,
      content,
      at: when,
    });
    const statements: ProductStatement[] = [xapi.launched(scope(at))];
    await repo.touchEnrolment(db, id, { lastLessonId: lessons[0]?.id ?? null, activeAt: at, start: true });
    const target =
      plan.kind === 'completed' ? lessons.length : Math.min(plan.lessons, Math.max(0, lessons.length - 1));
    for (const [i, lesson] of lessons.slice(0, target).entries()) {
      // A lesson a day or a few days later, at work hours.
      at = new Date(
        Math.min(
          env.now.getTime() - DAY / 24,
          at.getTime() + Math.floor(r() * 3) * DAY + Math.floor(r() * 5) * 3_600_000,
        ),
      );
      await repo.addMinutes(
        db,
        id,
        stockholmDay(at),
        Math.max(1, Math.round(lesson.estimatedMinutes * (0.6 + r() * 0.9))),
      );
      if (lesson.kind === 'quiz') {
        for (const wrongFirst of plan.failFirstQuiz ? [true, false] : [false]) {
          const answers = Object.fromEntries(
            lesson.questions.map((q) => {
              const right = q.options.filter((o) => o.correct).map((o) => o.id);
              const wrong = q.options.filter((o) => !o.correct).map((o) => o.id);
              return [q.id, wrongFirst && wrong.length > 0 ? wrong.slice(0, 1) : right];
            }),
          );
          const result = scoreQuiz(lesson.questions, answers, lesson.passMark ?? 100);
          await repo.insertAttempt(db, {
            id: randomUUID(),
            enrolmentId: id,
            lessonId: lesson.id,
            answers,
            score: result.score,
            maxScore: result.max,
            passed: result.passed,
            createdAt: at,
          });
          statements.push(xapi.quizOutcome(scope(at), lesson, result));
          at = new Date(at.getTime() + 10 * 60_000);
          if (result.passed) break;
        }
      }
      await repo.markDone(db, id, lesson.id, at);
      statements.push(xapi.progressed(scope(at), lesson, progressPercent(i + 1, lessons.length)));
      await repo.touchEnrolment(db, id, {
        lastLessonId: lessons[i + 1]?.id ?? lesson.id,
        activeAt: at,
        start: false,
      });
    }
    if (plan.kind === 'completed') {
      await repo.completeEnrolment(db, id, at);
      statements.push(xapi.completed(scope(at)));
      if (plan.rate)
        await repo.insertRating(
          db,
          id,
          { usefulness: pickOf(r, [3, 4, 4, 5, 5, 5]), recommend: pickOf(r, [2, 4, 4, 5, 5]), comment: '' },
          at,
        );
      if (content.issuesCredential)
        await issueCredential(
          { db, baseUrl: env.baseUrl, keyring: env.keyring },
          {
            organisationId: content.providerOrgId,
            userId: e.userId,
            achievement: {
              key: `elearning:${content.courseId}`,
              name: content.title,
              description: content.summary,
              criteria: content.criteria,
              competences: content.competences,
              hours: content.hours,
              level: content.sunLevel,
              language: content.language,
            },
            source: { kind: 'elearning', id },
            issuedAt: at,
          },
        );
    }
    await recordStatements(db, env.baseUrl, statements, content.regionId);
  });
}

async function demoCompanies(db: Db, regionId: string): Promise<Array<{ id: string }>> {
  // Companies in as many municipalities as possible: the first of each municipality, then the rest.
  return db.query(
    `SELECT id FROM (
       SELECT c.id, c.name, row_number() OVER (PARTITION BY w.municipality_code ORDER BY c.name, c.id) AS n
         FROM companies c JOIN LATERAL (SELECT municipality_code FROM company_workplaces x WHERE x.company_id = c.id
                                         ORDER BY x.position LIMIT 1) w ON true
        WHERE c.region_id = $1) t
      ORDER BY n, name, id LIMIT 15`,
    [regionId],
  );
}

export async function seedElearningLearners(db: Db, baseUrl: string, keyring: Keyring): Promise<number> {
  const published = await db.query<{ versionId: string }>(
    `SELECT v.id AS "versionId" FROM dl_courses c JOIN dl_course_versions v ON v.course_id = c.id AND v.status = 'published'
      WHERE c.archived_at IS NULL ORDER BY c.created_at, c.id`,
  );
  if (published.length === 0) return 0;
  if ((await db.query('SELECT 1 FROM dl_enrolments LIMIT 1')).length > 0) return 0;
  const contents: CourseContent[] = [];
  for (const p of published) {
    const c = await loadVersionContent(db, p.versionId);
    if (c && lessonsInOrder(c).length > 0) contents.push(c);
  }
  const first = contents[0];
  if (!first) return 0;
  const env: Env = { db, baseUrl, keyring, now: new Date() };
  const r = rng(20261128);
  let count = 0;
  // The demo participant: the first course completed, the second in progress.
  const [pelle] = await db.query<{ id: string; name: string; companyId: string }>(
    `SELECT u.id, u.name, m.company_id AS "companyId" FROM users u JOIN memberships m ON m.user_id = u.id AND m.role = 'participant'
      WHERE lower(u.email) = 'participant@example.org' ORDER BY m.created_at LIMIT 1`,
  );
  if (pelle) {
    const linked = (await learnersOfUser(db, pelle.id)).find((l) => l.companyId === pelle.companyId);
    const learnerId =
      linked?.learnerId ??
      (await ensureLearnerOfUser(db, { userId: pelle.id, companyId: pelle.companyId, name: pelle.name }));
    const base = { learnerId, userId: pelle.id, companyId: pelle.companyId, source: 'self' as const };
    await play(env, r, {
      ...base,
      content: first,
      startDaysAgo: 40,
      plan: { kind: 'completed', lessons: 0, failFirstQuiz: true, rate: true },
    });
    count++;
    const second = contents[1];
    if (second) {
      await play(env, r, {
        ...base,
        content: second,
        startDaysAgo: 6,
        plan: { kind: 'progress', lessons: 2, failFirstQuiz: false, rate: false },
      });
      count++;
    }
  }
  const companies = await demoCompanies(db, first.regionId);
  for (let i = 0; i < 30 && companies.length > 0; i++) {
    const company = companies[i % companies.length];
    if (!company) continue;
    const woman = r() < 0.45;
    const firstName = pickOf(r, woman ? WOMEN : MEN);
    const lastName = pickOf(r, LAST);
    const userId = randomUUID();
    const email = `demo.learner.${String(i + 1).padStart(2, '0')}@example.org`;
    await db.tx(async (tx) => {
      await insertUser(tx, {
        id: userId,
        email,
        name: `${firstName} ${lastName}`,
        passwordHash: null,
        locale: 'sv',
      });
      await insertMembership(tx, {
        id: randomUUID(),
        userId,
        role: 'participant',
        organisationId: null,
        companyId: company.id,
        createdBy: null,
      });
    });
    const learnerId = randomUUID();
    await db.query(
      `INSERT INTO learners (id, company_id, first_name, last_name, email, gender, birth_year, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        learnerId,
        company.id,
        firstName,
        lastName,
        email,
        woman ? 'woman' : 'man',
        1962 + Math.floor(r() * 40),
        userId,
      ],
    );
    const courses = r() < 0.35 && contents.length > 1 ? contents.slice(0, 2) : [pickOf(r, contents)];
    for (const content of courses) {
      const roll = r();
      const plan: Plan = {
        kind: roll < 0.45 ? 'completed' : roll < 0.85 ? 'progress' : 'launched',
        lessons: roll < 0.85 ? 1 + Math.floor(r() * 4) : 0,
        failFirstQuiz: r() < 0.35,
        rate: r() < 0.75,
      };
      await play(env, r, {
        learnerId,
        userId,
        companyId: company.id,
        content,
        startDaysAgo: 5 + Math.floor(r() * 150),
        plan,
        source: r() < 0.6 ? 'invitation' : 'self',
      });
      count++;
    }
  }
  return count;
}
