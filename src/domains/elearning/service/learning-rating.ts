// The two-question rating at completion (usefulness and would-recommend, 1–5, optional comment): once.
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { f } from '../../../platform/http/forms.ts';
import * as repo from '../repo-learning.ts';
import { ownEnrolment } from './learning.ts';

export const ratingInput = z.object({
  usefulness: f.int(1, 5),
  recommend: f.int(1, 5),
  comment: f.optText(2000).transform((v) => v ?? ''),
});
export type RatingInput = z.infer<typeof ratingInput>;

export interface Completion {
  enrolmentId: string;
  courseId: string;
  title: string;
  completedAt: Date | null;
  rating: repo.RatingRow | null;
  issuesCredential: boolean;
}

/** The completion page of one's own completed enrolment (NOT_FOUND before completion). */
export async function getCompletion(db: Db, actor: Actor, enrolmentId: string): Promise<Completion> {
  const { enrolment, content } = await ownEnrolment(db, actor, enrolmentId);
  if (enrolment.status !== 'completed') throw new AppError('NOT_FOUND');
  return {
    enrolmentId,
    courseId: enrolment.courseId,
    title: content.title,
    completedAt: enrolment.completedAt,
    rating: await repo.findRating(db, enrolmentId),
    issuesCredential: content.issuesCredential,
  };
}

export async function rate(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  input: RatingInput,
  ip: string | null = null,
): Promise<void> {
  await getCompletion(db, actor, enrolmentId);
  await db.tx(async (tx) => {
    if (!(await repo.insertRating(tx, enrolmentId, input)))
      throw new AppError('CONFLICT', 'elearning.learn.rating.already');
    // The answers stay in dl_ratings; the audit says only that a rating was given.
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'elearning.rated',
      entityType: 'dl_enrolment',
      entityId: enrolmentId,
      ip,
    });
  });
}
