// Test support: an independent verifier (the digitalbazaar stack) whose document loader resolves the
// issuer's did:web DID document and the status list by calling the app, and serves the contexts from the
// verifier's own packages (the Open Badges and DID contexts from reference-data/standards).
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import diContext from '@digitalbazaar/data-integrity-context';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/app.ts';
import type { Db } from '../../platform/db.ts';
import { DID_V1, OB_V3, standardsDocument } from './service/contexts.ts';
import type { AchievementInput } from './service/types.ts';

export const BASE = 'http://localhost:3000';

const staticDocs = new Map<string, unknown>([
  ...(vcContexts as Map<string, unknown>),
  ...(diContext.contexts as Map<string, unknown>),
  ...(multikeyContext.contexts as Map<string, unknown>),
  [OB_V3, standardsDocument('context-3.0.3.json')],
  [DID_V1, standardsDocument('did-v1.jsonld')],
]);

/** did:web:localhost%3A3000:issuers:<id> → /issuers/<id>/did.json (the did:web rule, on the test app). */
function didWebPath(did: string): string {
  const parts = did.split(':').slice(2).map(decodeURIComponent);
  const [, ...path] = parts;
  return `/${path.join('/')}/did.json`;
}

export function independentLoader(app: FastifyInstance) {
  return async (url: string) => {
    const known = staticDocs.get(url);
    if (known) return { contextUrl: null, documentUrl: url, document: known };
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const res = await app.inject({ method: 'GET', url: didWebPath(did as string) });
      if (res.statusCode !== 200) throw new Error(`DID not found: ${url}`);
      const doc = res.json() as { verificationMethod: { id: string }[] };
      if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
      const method = doc.verificationMethod.find((m) => m.id === url);
      if (!method) throw new Error(`verification method not found: ${url}`);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
      };
    }
    if (url.startsWith(BASE)) {
      const res = await app.inject({ method: 'GET', url: url.slice(BASE.length) });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} for ${url}`);
      return { contextUrl: null, documentUrl: url, document: res.json() };
    }
    throw new Error(`no network in tests: ${url}`);
  };
}

/** Verify with @digitalbazaar/vc + eddsa-rdfc-2022 + Bitstring Status List (status list signature checked). */
export async function independentVerify(
  app: FastifyInstance,
  credential: unknown,
): Promise<{ verified: boolean; statusResult?: { verified: boolean; revoked: boolean }; error?: unknown }> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader: independentLoader(app),
    // The status list library reports the bit (`status: true` = revoked); a revoked credential fails.
    checkStatus: async (options: object) => {
      const r = await checkStatus({ ...options, suite });
      const revoked = (r.results ?? []).some((x: { status?: boolean }) => x.status === true);
      return { ...r, verified: r.verified === true && !revoked, revoked };
    },
  });
}

export function achievement(overrides: Partial<AchievementInput> = {}): AchievementInput {
  return {
    key: 'training:course-1',
    name: 'Truckkörning A och B',
    description: 'Säker körning av motviktstruck och skjutstativtruck i lager.',
    criteria: 'Närvaro vid minst 80 % av kurstiden och godkänt körprov.',
    competences: [
      { conceptId: 'ZVRu_qhT_Mb9', label: 'Truckkort' },
      { conceptId: 'hwxd_HDw_ZQH', label: 'Lagerarbete' },
    ],
    hours: 24,
    level: { code: '3', label: 'Gymnasial utbildning' },
    language: 'sv',
    ...overrides,
  };
}

/** The test app (the shared one; kept as a name so the tests read the same). */
export async function credentialsTestApp(db: Db): Promise<FastifyInstance> {
  return (await testApp(db)).app;
}
