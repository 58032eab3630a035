// Test helpers of the xAPI domain: LRS credentials straight into the table (the admin UI is tested on its own).
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { insertClient, type Scope } from './repo-clients.ts';

export interface TestLrsClient {
  key: string;
  secret: string;
  regionId: string;
  /** The Authorization header value. */
  auth: string;
}

/** LRS credentials of a region (by county code, default 07). */
export async function makeLrsClient(
  db: Db,
  opts: { county?: string; scopes?: Scope[] } = {},
): Promise<TestLrsClient> {
  const regionId = await ensureRegion(db, opts.county ?? '07');
  const key = `test-${randomUUID().slice(0, 8)}`;
  const secret = randomUUID();
  await insertClient(db, {
    id: randomUUID(),
    regionId,
    name: 'Test tool',
    key,
    secretSha256: createHash('sha256').update(secret).digest('hex'),
    scopes: opts.scopes ?? ['read', 'write'],
    createdBy: null,
  });
  return { key, secret, regionId, auth: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
}

/** A minimal valid statement. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.test', name: 'learner-1' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
    object: { objectType: 'Activity', id: 'https://lms.example.test/courses/1' },
    ...overrides,
  };
}
