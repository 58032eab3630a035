// The course evaluation: a learner answers once for their own enrolment after the last session has ended;
// the provider and the Region see a summary per course, hidden below three answers to protect anonymity.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo-attendance.ts';
import { managesCourse } from './attendance-access.ts';

/** Below this many answers the summary is not shown. */
export const MIN_ANSWERS = 3;
export const COMMENT_MAX = 2000;

export type EvaluationInput = repo.EvaluationInput;

export interface EvaluationState {
  target: repo.EvaluationTarget;
  /** 'open': may answer now; 'early': the last session has not ended; 'answered': already answered. */
  state: 'open' | 'early' | 'answered';
}

/** The learner's own enrolment; 404 for anyone else (and for cancelled or waitlisted enrolments). */
export async function getEvaluation(db: Db, actor: Actor, enrolmentId: string): Promise<EvaluationState> {
  const target = await repo.findEvaluationTarget(db, enrolmentId);
  if (!target || target.learnerUserId !== actor.userId || target.status !== 'enrolled')
    throw new AppError('NOT_FOUND');
  const state = target.answered
    ? 'answered'
    : target.lastEndsAt !== null && target.lastEndsAt.getTime() <= Date.now()
      ? 'open'
      : 'early';
  return { target, state };
}

export async function submitEvaluation(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  input: EvaluationInput,
  ip: string | null = null,
): Promise<void> {
  const { state, target } = await getEvaluation(db, actor, enrolmentId);
  if (state === 'early') throw new AppError('CONFLICT', 'training.attendance.eval.early');
  if (state === 'answered') throw new AppError('CONFLICT', 'training.attendance.eval.already');
  await db.tx(async (tx) => {
    if (!(await repo.insertEvaluation(tx, enrolmentId, input)))
      throw new AppError('CONFLICT', 'training.attendance.eval.already');
    // Ids only: the answer itself is not copied into the audit log.
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.evaluation_submitted',
      entityType: 'enrolment',
      entityId: enrolmentId,
      ip,
      details: { courseId: target.courseId, occasionId: target.occasionId },
    });
  });
}

export interface EvaluationSummary {
  course: repo.CourseRow;
  count: number;
  /** False when fewer than MIN_ANSWERS answers: no averages or comments are given. */
  shown: boolean;
  overall: number | null;
  relevance: number | null;
  teaching: number | null;
  recommendYes: number;
  recommendNo: number;
  comments: string[];
}

/** The summary of a course's evaluations for its provider or a region admin of its region; others 404. */
export async function getEvaluationSummary(
  db: Db,
  actor: Actor,
  courseId: string,
): Promise<EvaluationSummary> {
  const course = await repo.findCourse(db, courseId);
  if (!course || !managesCourse(actor, course)) throw new AppError('NOT_FOUND');
  const agg = await repo.evaluationAggregate(db, courseId);
  const shown = agg.count >= MIN_ANSWERS;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    course,
    count: agg.count,
    shown,
    overall: shown ? round(agg.overall) : null,
    relevance: shown ? round(agg.relevance) : null,
    teaching: shown ? round(agg.teaching) : null,
    recommendYes: shown ? agg.recommendYes : 0,
    recommendNo: shown ? agg.recommendNo : 0,
    comments: shown ? await repo.evaluationComments(db, courseId) : [],
  };
}
