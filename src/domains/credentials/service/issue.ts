// Issuing: build the OpenBadgeCredential, sign it (Data Integrity eddsa-rdfc-2022 and a VC-JWT with the same
// key), validate it against the 1EdTech schema, store and audit it. One credential per source: issuing again
// returns the stored one. The organisation's key is created on first use (demo seed included).
import { randomInt, randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import { audit } from '../../../platform/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { currentSigningKey, type SigningKey } from '../../../platform/signing-keys.ts';
import * as repo from '../repo-credentials.ts';
import { buildCredential, newSalt } from './build.ts';
import { issuerDid, verificationMethodId } from './issuer.ts';
import { createProof, type JsonObject } from './proof.ts';
import { schemaErrors } from './schema-check.ts';
import { LIST_BITS } from './status.ts';
import type { IssueInput } from './types.ts';

/** The VC-JWT (VC-JOSE-COSE): the unsecured credential as payload, `typ: vc+jwt`, the method id as `kid`. */
export async function signVcJwt(
  unsecured: JsonObject,
  key: SigningKey,
  verificationMethod: string,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(unsecured)))
    .setProtectedHeader({ alg: 'EdDSA', kid: verificationMethod, typ: 'vc+jwt', cty: 'vc' })
    .sign(key.privateKey);
}

export async function issue(
  deps: Pick<AppDeps, 'db' | 'keyring' | 'baseUrl'>,
  input: IssueInput,
): Promise<string> {
  const { db, keyring, baseUrl } = deps;
  const existing = await repo.idBySource(db, input.source.kind, input.source.id);
  if (existing) return existing;
  const org = await repo.organisation(db, input.organisationId);
  const email = await repo.userEmail(db, input.userId);
  if (!org || !email) throw new AppError('NOT_FOUND');
  const key = await currentSigningKey(db, keyring, 'credentials', org.id);
  const method = verificationMethodId(issuerDid(baseUrl, org.id), key.kid);
  const issuedAt = input.issuedAt ?? new Date();
  const id = randomUUID();
  const salt = newSalt();
  // A random index in the status list (herd privacy); a taken one is drawn again.
  for (let attempt = 0; attempt < 10; attempt++) {
    const statusIndex = randomInt(LIST_BITS);
    const unsigned = buildCredential({
      id,
      baseUrl,
      organisation: org,
      achievement: input.achievement,
      issuedAt,
      email,
      salt,
      statusIndex,
    });
    const proof = await createProof(unsigned, {
      privateKey: key.privateKey,
      verificationMethod: method,
      created: issuedAt,
    });
    const document = { ...unsigned, proof: [proof] };
    const errors = schemaErrors(document);
    if (errors.length > 0)
      throw new Error(`The credential fails the Open Badges 3.0 schema: ${errors.join('; ')}`);
    const jwt = await signVcJwt(unsigned, key, method);
    const inserted = await db.tx(async (tx) => {
      const ok = await repo.insertCredential(tx, {
        id,
        organisationId: org.id,
        userId: input.userId,
        sourceKind: input.source.kind,
        sourceId: input.source.id,
        achievementKey: input.achievement.key,
        name: input.achievement.name,
        statusIndex,
        kid: key.kid,
        document,
        jwt,
        issuedAt,
      });
      if (ok)
        await audit(tx, {
          actorUserId: null,
          action: 'credentials.issued',
          entityType: 'credential',
          entityId: id,
          organisationId: org.id,
          details: { source: input.source.kind, achievement: input.achievement.key, kid: key.kid },
        });
      return ok;
    });
    if (inserted) return id;
    const other = await repo.idBySource(db, input.source.kind, input.source.id);
    if (other) return other;
  }
  throw new AppError('CONFLICT', 'credentials.error.noStatusIndex');
}
