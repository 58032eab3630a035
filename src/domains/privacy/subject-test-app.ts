// Tests only: the application with the data-subject request routes added when app.ts does not wire them yet
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
import { messages } from './messages.ts';
import { subjectPageRoutes } from './routes/subject.tsx';
import { subjectApiRoutes } from './routes/subject-api.ts';

function routes(): AnyRoute[] {
  const all = allRoutes();
  const known = new Set(all.map((r) => `${r.method} ${r.url}`));
  for (const r of [...subjectPageRoutes, ...subjectApiRoutes])
    if (!known.has(`${r.method} ${r.url}`)) all.push(r);
  return all;
}

export async function subjectTestApp(db: Db, keyring: Keyring) {
  registerCatalogue(messages);
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
    routes: routes(),
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
