// Completing a course marked "issues a credential" issues each completed learner with an account an Open
// Badges credential, signed by the course's provider (one per enrolment: closing again returns the same).
import type { Db } from '../../../platform/db.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { issueCredential } from '../../credentials/index.ts';
import { credentialCompletions } from '../repo-credentials.ts';

export interface CredentialDeps {
  keyring: Keyring;
  baseUrl: string;
}

/** Issue the credentials of an occasion's completed enrolments; returns how many exist for it. */
export async function issueOccasionCredentials(
  db: Db,
  deps: CredentialDeps,
  occasionId: string,
): Promise<number> {
  let issued = 0;
  for (const c of await credentialCompletions(db, occasionId)) {
    const id = await issueCredential(
      { db, keyring: deps.keyring, baseUrl: deps.baseUrl },
      {
        organisationId: c.providerOrgId,
        userId: c.userId,
        source: { kind: 'training', id: c.enrolmentId },
        issuedAt: c.completedAt ?? undefined,
        achievement: {
          key: `training:${c.courseId}`,
          name: c.title,
          description: c.description,
          criteria:
            c.language === 'sv'
              ? `Närvaro vid minst ${c.completionPct} % av kursens schemalagda tid (${c.hours} timmar).`
              : `Attendance of at least ${c.completionPct} % of the course's scheduled time (${c.hours} hours).`,
          competences: c.competences,
          hours: c.hours,
          level: c.sunLevelCode ? { code: c.sunLevelCode, label: c.sunLevelName ?? c.sunLevelCode } : null,
          language: c.language,
        },
      },
    );
    if (id) issued++;
  }
  return issued;
}
