// Read models of enrolment: the enrol page, a company's enrolments, an occasion's participants (provider
// of the course or region staff) and a learner's own courses.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { deminimisWarningForCourse } from '../../esf/index.ts';
import * as repo from '../repo-enrolment.ts';
import { enrollableOccasion, ownCompanyIds, seesParticipants } from './enrolment-access.ts';
import { allowedPaidBy, type PaidBy } from './enrolment-book.ts';
import { learnerCompanies } from './enrolment-learners.ts';

export type { EnrolmentRow, OccasionRow, SessionRow } from '../repo-enrolment.ts';

export interface EnrolPageData {
  occasion: repo.OccasionRow;
  enrolled: number;
  paidByOptions: PaidBy[];
  companies: { id: string; name: string }[];
  learners: (repo.LearnerRow & { liveStatus: repo.EnrolmentStatus | null })[];
  /** Companies near or over the de minimis ceiling if the programme paid one more seat. */
  aidWarnings: { companyName: string; level: 'near' | 'over'; totalEur: number; ceilingEur: number }[];
}

export async function enrolPage(
  db: Db,
  actor: Actor,
  occasionId: string,
  companyId?: string,
): Promise<EnrolPageData> {
  const occasion = await enrollableOccasion(db, occasionId);
  if (ownCompanyIds(actor).length === 0 && !seesParticipants(actor, occasion))
    throw new AppError('NOT_FOUND');
  const companies = await learnerCompanies(db, actor, companyId);
  const learners = await repo.listLearners(
    db,
    companies.map((c) => c.id),
  );
  const live = new Map(
    (await repo.enrolmentsOfOccasion(db, occasionId))
      .filter((e) => e.status !== 'cancelled')
      .map((e) => [e.learnerId, e.status] as const),
  );
  return {
    occasion,
    enrolled: await repo.countEnrolled(db, occasionId),
    paidByOptions: allowedPaidBy(occasion),
    companies,
    learners: learners.map((l) => ({ ...l, liveStatus: live.get(l.id) ?? null })),
    aidWarnings: allowedPaidBy(occasion).includes('programme')
      ? await aidWarnings(db, companies, occasion.courseId)
      : [],
  };
}

async function aidWarnings(
  db: Db,
  companies: { id: string; name: string }[],
  courseId: string,
): Promise<EnrolPageData['aidWarnings']> {
  const out: EnrolPageData['aidWarnings'] = [];
  for (const c of companies.slice(0, 20)) {
    const w = await deminimisWarningForCourse(db, c.id, courseId, 1);
    if (w.level !== 'ok')
      out.push({ companyName: c.name, level: w.level, totalEur: w.totalEur, ceilingEur: w.ceilingEur });
  }
  return out;
}

/** The enrolments of the actor's companies (or of one company in scope). */
export async function companyEnrolments(
  db: Db,
  actor: Actor,
  companyId?: string,
): Promise<{ companies: { id: string; name: string }[]; enrolments: repo.EnrolmentRow[] }> {
  const companies = await learnerCompanies(db, actor, companyId);
  const enrolments = await repo.enrolmentsOfCompanies(
    db,
    companies.map((c) => c.id),
  );
  return { companies, enrolments };
}

export async function occasionParticipants(
  db: Db,
  actor: Actor,
  occasionId: string,
): Promise<{ occasion: repo.OccasionRow; enrolled: number; participants: repo.EnrolmentRow[] }> {
  const occasion = await repo.findOccasion(db, occasionId);
  if (!occasion || !seesParticipants(actor, occasion)) throw new AppError('NOT_FOUND');
  const participants = await repo.enrolmentsOfOccasion(db, occasionId);
  return {
    occasion,
    enrolled: participants.filter((p) => p.status === 'enrolled').length,
    participants,
  };
}

export interface MyCourse {
  enrolment: repo.EnrolmentRow;
  sessions: repo.SessionRow[];
}

/** The signed-in learner's enrolments (learner rows linked to the user) with their sessions. */
export async function myCourses(db: Db, actor: Actor): Promise<MyCourse[]> {
  const enrolments = await repo.enrolmentsOfUser(db, actor.userId);
  const sessions = await repo.sessionsOf(db, [...new Set(enrolments.map((e) => e.occasionId))]);
  return enrolments.map((enrolment) => ({
    enrolment,
    sessions: sessions.filter((s) => s.occasionId === enrolment.occasionId),
  }));
}

/** Other occasions of the same course an enrolment may move to. */
export async function moveTargets(db: Db, e: repo.EnrolmentRow): Promise<repo.OccasionRow[]> {
  return (await repo.siblingOccasions(db, e.courseId, e.occasionId)).filter(
    (o) => o.courseStatus === 'approved',
  );
}
