// Demo enrolment (issue 5): learners of the first two demo companies (the demo participant's user linked to a
// learner of company 0), enrolments on the given demo occasions, and one full occasion (three seats, a new
// occasion of the first given occasion's course) with two learners on its waiting list. Plain inserts, no mail.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db.ts';

export interface TrainingEnrolmentDemoInput {
  /** The demo companies; the first two are used. */
  companyIds: string[];
  /** Approved demo occasions to enrol on (at least one). */
  occasionIds: string[];
}

export interface TrainingEnrolmentDemo {
  learnerIds: string[];
  enrolmentIds: string[];
  fullOccasionId: string | null;
}

const PEOPLE: [number, string, string, string | null, 'woman' | 'man' | null, number | null][] = [
  [0, 'Pelle', 'Deltagare', 'participant@example.org', 'man', 1988],
  [0, 'Anna', 'Svensson', null, 'woman', 1975],
  [0, 'Omar', 'Haddad', null, 'man', 1992],
  [0, 'Lena', 'Nilsson', 'lena.nilsson@example.org', 'woman', 1969],
  [1, 'Jonas', 'Berg', null, 'man', 1983],
  [1, 'Sara', 'Lind', 'sara.lind@example.org', 'woman', 1996],
  [1, 'Mikael', 'Ek', null, null, null],
];

async function userId(db: Db, email: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0]?.id ?? null;
}

/** Who pays by default on an occasion: the programme on a contracted course, else the company (free if public). */
async function paidBy(db: Db, occasionId: string): Promise<string> {
  const rows = await db.query<{ paidBy: string }>(
    `SELECT CASE WHEN c.financing = 'public' THEN 'free'
                 WHEN c.financing = 'procured' AND o.starts_on >= c.contract_from AND o.ends_on <= c.contract_to
                   THEN 'programme'
                 ELSE 'company' END AS "paidBy"
       FROM course_occasions o JOIN courses c ON c.id = o.course_id WHERE o.id = $1`,
    [occasionId],
  );
  return rows[0]?.paidBy ?? 'company';
}

export async function seedTrainingEnrolment(
  db: Db,
  input: TrainingEnrolmentDemoInput,
): Promise<TrainingEnrolmentDemo> {
  const companies = input.companyIds.slice(0, 2);
  const contact = await userId(db, 'company@example.org');
  const participant = await userId(db, 'participant@example.org');
  const learnerIds: string[] = [];
  for (const [company, first, last, email, gender, birthYear] of PEOPLE) {
    const companyId = companies[company];
    if (!companyId) continue;
    const id = randomUUID();
    const linked = first === 'Pelle' ? participant : null;
    await db.query(
      `INSERT INTO learners (id, company_id, first_name, last_name, email, gender, birth_year, user_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, companyId, first, last, email, gender, birthYear, linked, contact],
    );
    learnerIds.push(id);
  }
  const enrolmentIds: string[] = [];
  const companyOf = (i: number) => companies[PEOPLE[i]?.[0] ?? 0] as string;
  const insert = async (
    occasionId: string,
    i: number,
    status: 'enrolled' | 'waitlisted',
    paid: string,
    at: number,
  ) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, waitlisted_at, paid_by, enrolled_by,
                               created_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'waitlisted' THEN now() - make_interval(mins => $8::int) END,
               $6, $7, now() - make_interval(mins => $8::int))`,
      [id, occasionId, learnerIds[i] as string, companyOf(i), status, paid, contact, at],
    );
    enrolmentIds.push(id);
  };
  // Per given occasion: two learners of company 0 and one of company 1 (different people per occasion).
  const plan = [
    [0, 1, 4],
    [2, 3, 5],
    [0, 6, 5],
  ];
  for (const [k, occasionId] of input.occasionIds.entries()) {
    const paid = await paidBy(db, occasionId);
    for (const i of plan[k % plan.length] as number[])
      if (learnerIds[i]) await insert(occasionId, i, 'enrolled', paid, 60 - i);
  }
  // A full occasion with a waiting list: three seats, five learners.
  let fullOccasionId: string | null = null;
  const first = input.occasionIds[0];
  if (first && learnerIds.length >= 5) {
    fullOccasionId = randomUUID();
    await db.query(
      `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, municipality_code,
                                     location)
       SELECT $1, course_id, current_date + 40, current_date + 41, 3, current_date + 30, municipality_code, location
         FROM course_occasions WHERE id = $2`,
      [fullOccasionId, first],
    );
    const paid = await paidBy(db, fullOccasionId);
    const order = [1, 2, 4, 3, 6];
    for (const [n, i] of order.entries())
      if (learnerIds[i]) await insert(fullOccasionId, i, n < 3 ? 'enrolled' : 'waitlisted', paid, 30 - n);
  }
  return { learnerIds, enrolmentIds, fullOccasionId };
}
