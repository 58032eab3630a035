// A printed one-time sign-in code for a learner without e-mail: the learner gets a user with the participant
// role on their company (if they have none) and a code of 10 characters from an unambiguous alphabet. Only the
// code's sha256 hash is stored; it is valid 30 days and for one sign-in. Shown once, on a printable page.
import { randomInt, randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hashToken, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { insertMembership, insertUser } from '../../accounts/index.ts';
import * as repo from '../repo-enrolment.ts';
import { ownCompanyIds } from './enrolment-access.ts';
import { getLearner } from './enrolment-learners.ts';

/** No 0/O, 1/I/L: easy to read from paper and type. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
export const CODE_VALID_DAYS = 30;

export function newLoginCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as printed: two groups of five. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
  learnerName: string;
  companyName: string;
}

/**
 * The learner a code may be issued for: in the actor's scope (getLearner) and — since a code signs in as the
 * learner — for a provider only a learner on one of its own courses; the company's contacts and region staff
 * for any learner in scope. NOT_FOUND otherwise.
 */
export async function codeLearner(db: Db, actor: Actor, learnerId: string): Promise<repo.LearnerRow> {
  const learner = await getLearner(db, actor, learnerId);
  if (ownCompanyIds(actor).includes(learner.companyId)) return learner;
  const company = await repo.companyBrief(db, learner.companyId);
  const staff = membershipsWith(actor, 'region_admin', 'municipality_officer', 'coach');
  if (company && staff.some((m) => m.regionId === company.regionId)) return learner;
  const providers = membershipsWith(actor, 'provider').map((m) => m.organisationId);
  const orgs = providers.filter((id): id is string => id !== null);
  if (await repo.learnerOnProviderCourses(db, learnerId, orgs)) return learner;
  throw new AppError('NOT_FOUND');
}

export async function issueLoginCode(
  db: Db,
  actor: Actor,
  learnerId: string,
  ip: string | null = null,
): Promise<IssuedCode> {
  const learner = await codeLearner(db, actor, learnerId);
  const code = newLoginCode();
  const expiresAt = await db.tx(async (tx) => {
    let userId = learner.userId;
    if (!userId) {
      userId = randomUUID();
      // A learner without a free e-mail gets a placeholder address that can never receive mail.
      const email =
        learner.email && !(await repo.emailTaken(tx, learner.email))
          ? learner.email
          : `learner-${learnerId}@code.invalid`;
      await insertUser(tx, {
        id: userId,
        email,
        name: `${learner.firstName} ${learner.lastName}`,
        passwordHash: null,
        locale: 'sv',
      });
      await repo.setLearnerUser(tx, learnerId, userId);
    }
    if (!(await repo.hasParticipantMembership(tx, userId, learner.companyId)))
      await insertMembership(tx, {
        id: randomUUID(),
        userId,
        role: 'participant',
        organisationId: null,
        companyId: learner.companyId,
        createdBy: actor.userId,
      });
    const expires = await repo.replaceLoginCode(tx, {
      id: randomUUID(),
      userId,
      codeHash: hashToken(code),
      createdBy: actor.userId,
      days: CODE_VALID_DAYS,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.login_code_issued',
      entityType: 'learner',
      entityId: learnerId,
      ip,
      details: { userId },
    });
    return expires;
  });
  return {
    code,
    expiresAt,
    learnerName: `${learner.firstName} ${learner.lastName}`,
    companyName: learner.companyName,
  };
}
