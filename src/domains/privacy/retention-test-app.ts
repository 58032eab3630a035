// Tests only: the application with the privacy-retention routes added when app.ts does not wire them yet
// (so the tests run before and after the lead wires them).

import { allRoutes, nav } from '../../app.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import type { AnyRoute } from '../../platform/http/registry.ts';
import { buildServer } from '../../platform/http/server.ts';
import { registerCatalogue } from '../../platform/i18n/index.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import type { Keyring } from '../../platform/secrets.ts';
import { actorFromApiToken, actorFromSession, startPage } from '../accounts/index.ts';
import { auditMessages } from './messages/audit.ts';
import { recordsMessages } from './messages/records.ts';
import { retentionMessages } from './messages/retention.ts';
import { auditRoutes } from './routes/audit.tsx';
import { recordsRoutes } from './routes/records.tsx';
import { retentionRoutes } from './routes/retention.tsx';

export function privacyRetentionRoutes(): AnyRoute[] {
  // First declaration wins: other helpers' routes in progress may be listed twice for a while.
  const known = new Set<string>();
  return [...allRoutes(), ...retentionRoutes, ...recordsRoutes, ...auditRoutes].filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
}

export async function retentionTestApp(db: Db, keyring: Keyring) {
  registerCatalogue(retentionMessages);
  registerCatalogue(recordsMessages);
  registerCatalogue(auditMessages);
  const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const app = await buildServer({
    deps: {
      db,
      env: parsed.env,
      mailer: createMailer({ from: 'test@kompetensnavet.local' }),
      logger: createLogger('silent'),
      baseUrl: 'http://localhost:3000',
      keyring,
    },
    routes: privacyRetentionRoutes(),
    nav,
    cookieSecret: 'test-secret-test-secret-test-secret-123',
    trustProxy: false,
    auth: {
      fromSession: (d, token) => actorFromSession(d.db, token),
      fromApiToken: (d, token) => actorFromApiToken(d.db, token),
      startPage,
    },
  });
  await app.ready();
  return app;
}
