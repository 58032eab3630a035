// A company contact (or region staff acting for a company) invites an employee to a digital course: the
// company's learner (found by e-mail or created), an account invitation with the participant role
// (accounts' inviteUser: an existing account just gets the role and a notice), the enrolment (source
// `invitation`) and a mail with the course link. The contact follows their companies' enrolments.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { f } from '../../../platform/http/forms.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { inviteUser } from '../../accounts/index.ts';
import { createLearner, learnerByEmail, learnerInput, linkLearnerUser } from '../../training/index.ts';
import { learningMessages } from '../messages/learning.ts';
import { mayInviteFor } from '../policy-learning.ts';
import * as repo from '../repo-learning.ts';
import { type CompanyEnrolmentRow, companyEnrolments } from '../repo-learning-company.ts';
import { progressPercent } from './progress-time.ts';

export const inviteInput = learnerInput.extend({
  courseId: f.uuid(),
  companyId: f.uuid(),
  email: f.email(),
});
export type InviteInput = z.infer<typeof inviteInput>;

/** The companies the actor follows as a company contact. */
export async function contactCompanies(
  db: Db,
  actor: Actor,
): Promise<Array<{ id: string; name: string; regionId: string }>> {
  const ids = [
    ...new Set(membershipsWith(actor, 'company_contact').flatMap((m) => (m.companyId ? [m.companyId] : []))),
  ];
  if (ids.length === 0) return [];
  return db.query(
    'SELECT id, name, region_id AS "regionId" FROM companies WHERE id = ANY($1::uuid[]) ORDER BY name',
    [ids],
  );
}

export interface CompanyEnrolment extends CompanyEnrolmentRow {
  percent: number;
}

export async function companyLearning(db: Db, actor: Actor): Promise<CompanyEnrolment[]> {
  const companies = await contactCompanies(db, actor);
  const rows = await companyEnrolments(
    db,
    companies.map((c) => c.id),
  );
  return rows.map((r) => ({ ...r, percent: progressPercent(r.done, r.total) }));
}

/** The contact's page: their companies' enrolments, the companies and the courses to invite to. */
export async function companyPage(db: Db, actor: Actor) {
  const companies = await contactCompanies(db, actor);
  const [rows, courses] = await Promise.all([
    companyLearning(db, actor),
    repo.publishedCourses(db, [...new Set(companies.map((c) => c.regionId))]),
  ]);
  return { rows, companies, courses };
}

const invalid = (field: string, message = 'validation.choice') =>
  new AppError('VALIDATION', 'VALIDATION', [{ field, message }]);

export async function inviteLearner(
  deps: AppDeps,
  ctx: { actor: Actor; ip: string | null; locale: Locale },
  input: InviteInput,
): Promise<{ enrolmentId: string; created: boolean }> {
  const { db } = deps;
  const [company] = await db.query<{ id: string; regionId: string }>(
    'SELECT id, region_id AS "regionId" FROM companies WHERE id = $1',
    [input.companyId],
  );
  if (!company || !mayInviteFor(ctx.actor, company)) throw invalid('companyId');
  const [course] = await repo.publishedCourses(db, [company.regionId], input.courseId);
  if (!course) throw invalid('courseId');
  // The account first: it checks the inviter's right before anything of ours is written.
  const invited = await inviteUser(deps, {
    email: input.email,
    name: `${input.firstName} ${input.lastName}`,
    role: 'participant',
    companyId: company.id,
    invitedBy: ctx.actor,
    locale: ctx.locale,
    ip: ctx.ip,
  });
  const learnerId =
    (await learnerByEmail(db, company.id, input.email)) ??
    (await createLearner(db, ctx.actor, company.id, input, ctx.ip));
  const result = await db.tx(async (tx) => {
    const userId = await linkLearnerUser(tx, learnerId, invited.userId);
    const existing = await repo.liveEnrolmentId(tx, course.courseId, learnerId);
    if (existing) return { enrolmentId: existing, created: false };
    const id = randomUUID();
    await repo.insertEnrolment(tx, {
      id,
      courseId: course.courseId,
      versionId: course.versionId,
      learnerId,
      userId,
      companyId: company.id,
      source: 'invitation',
      invitedBy: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'elearning.invited',
      entityType: 'dl_enrolment',
      entityId: id,
      ip: ctx.ip,
      details: { courseId: course.courseId, companyId: company.id, learnerId },
    });
    return { enrolmentId: id, created: true };
  });
  if (result.created) {
    const params = {
      name: input.firstName,
      inviter: ctx.actor.name,
      course: course.title,
      link: `${deps.baseUrl}/learning/e/${result.enrolmentId}`,
    };
    const sv = translator(learningMessages, 'sv');
    const en = translator(learningMessages, 'en');
    await deps.mailer.send(db, {
      to: input.email,
      subject: `${sv('elearning.learn.mail.subject', params)} / ${en('elearning.learn.mail.subject', params)}`,
      text: `${sv('elearning.learn.mail.body', params)}\n\n---\n\n${en('elearning.learn.mail.body', params)}`,
      regionId: company.regionId,
    });
  }
  return result;
}
