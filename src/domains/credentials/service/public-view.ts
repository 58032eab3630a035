// The public verification page's view model: the shared credential, read from its signed document, and the
// verification result of this request.
import type { Db } from '../../../platform/db.ts';
import type { PublicVm } from '../views/public.tsx';
import { publicCredential } from './holders.ts';
import type { JsonObject } from './proof.ts';
import { verifyCredential } from './verify.ts';

const obj = (v: unknown): JsonObject =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function publicView(deps: { db: Db; baseUrl: string }, id: string): Promise<PublicVm> {
  const { credential, document } = await publicCredential(deps.db, id);
  const achievement = obj(obj(document.credentialSubject).achievement);
  const alignments = Array.isArray(achievement.alignment) ? achievement.alignment.map(obj) : [];
  const level = alignments.find((a) => a.targetFramework === 'SUN 2020');
  return {
    id: credential.id,
    name: str(achievement.name) || credential.name,
    description: str(achievement.description),
    criteria: str(obj(achievement.criteria).narrative),
    issuerName: str(obj(document.issuer).name) || credential.organisationName,
    issuedAt: credential.issuedAt,
    hours: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
    competences: alignments
      .filter((a) => a.targetFramework === 'JobTech Taxonomy')
      .map((a) => ({ code: str(a.targetCode), name: str(a.targetName), url: str(a.targetUrl) })),
    level: level ? { code: str(level.targetCode), name: str(level.targetName) } : null,
    result: await verifyCredential(deps, document),
  };
}
