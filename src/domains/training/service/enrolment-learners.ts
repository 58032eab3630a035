// Learners: a company's employees who take courses. Name, optional e-mail, optional gender and birth year
// (aggregate figures only). No personnummer. Managed by the company's contacts (and staff/providers for it).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { f } from '../../../platform/http/forms.ts';
import * as repo from '../repo-enrolment.ts';
import { companyInScope, ownCompanyIds } from './enrolment-access.ts';

export type { LearnerRow } from '../repo-enrolment.ts';

export const genders = ['woman', 'man', 'other'] as const;

/** A learner's fields as a form or the API sends them. */
export const learnerInput = z.object({
  firstName: f.text(100),
  lastName: f.text(100),
  email: f.optEmail(),
  gender: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(genders, { error: 'validation.choice' }).optional())
    .transform((v) => v ?? null),
  birthYear: f.optInt(1900, new Date().getFullYear()),
});
export type LearnerInput = z.infer<typeof learnerInput>;

/** The companies whose learners the actor lists by default: the ones they are a contact of. */
export async function learnerCompanies(
  db: Db,
  actor: Actor,
  companyId?: string,
): Promise<{ id: string; name: string }[]> {
  if (companyId) {
    const c = await companyInScope(db, actor, companyId);
    return [{ id: c.id, name: c.name }];
  }
  return repo.companiesBrief(db, ownCompanyIds(actor));
}

export async function listLearners(db: Db, actor: Actor, companyId?: string): Promise<repo.LearnerRow[]> {
  const companies = await learnerCompanies(db, actor, companyId);
  return repo.listLearners(
    db,
    companies.map((c) => c.id),
  );
}

export async function getLearner(db: Db, actor: Actor, id: string): Promise<repo.LearnerRow> {
  const learner = await repo.findLearner(db, id);
  if (!learner) throw new AppError('NOT_FOUND');
  await companyInScope(db, actor, learner.companyId);
  return learner;
}

export async function createLearner(
  db: Db,
  actor: Actor,
  companyId: string,
  input: LearnerInput,
  ip: string | null = null,
): Promise<string> {
  await companyInScope(db, actor, companyId);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertLearner(tx, { ...input, id, companyId, createdBy: actor.userId });
    // No names in the audit details: personal data stays in the learner row.
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.learner_created',
      entityType: 'learner',
      entityId: id,
      ip,
      details: { companyId },
    });
  });
  return id;
}

export async function updateLearner(
  db: Db,
  actor: Actor,
  id: string,
  input: LearnerInput,
  ip: string | null = null,
): Promise<void> {
  const learner = await getLearner(db, actor, id);
  await db.tx(async (tx) => {
    await repo.updateLearner(tx, id, input);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.learner_updated',
      entityType: 'learner',
      entityId: id,
      ip,
      details: { companyId: learner.companyId },
    });
  });
}
