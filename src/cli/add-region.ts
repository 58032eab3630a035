import { parseArgs } from 'node:util';
import { openDatabase, prepareDatabase } from '../bootstrap.ts';
import { bootstrapRegionAdmin } from '../domains/accounts/index.ts';
import { ensureRegion } from '../domains/organisations/index.ts';
import { loadEnvOrExit } from '../platform/env.ts';

// npm run region:add -- --county 06 [--name "Region Jönköpings län"] [--admin-email a@b.se --admin-name "…"]
const { values } = parseArgs({
  options: {
    county: { type: 'string' },
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
  },
});
if (!values.county || !/^\d{2}$/.test(values.county)) {
  process.stderr.write(
    'Usage: npm run region:add -- --county NN [--name "Region …"] [--admin-email E --admin-name N]\n',
  );
  process.exit(2);
}
const env = loadEnvOrExit();
const { db, lock } = await openDatabase(env);
try {
  await prepareDatabase(db);
  const regionId = await ensureRegion(db, values.county, values.name);
  process.stdout.write(`Region for county ${values.county} is ready (${regionId}).\n`);
  const email = values['admin-email'];
  if (email) {
    const link = await bootstrapRegionAdmin(db, {
      regionId,
      email,
      name: values['admin-name'] ?? email,
      baseUrl: env.BASE_URL ?? `http://${env.HOST}:${env.PORT}`,
    });
    process.stdout.write(
      `Hand this one-time link (valid 7 days) to ${email} in person or another safe channel:\n${link}\n`,
    );
  }
} catch (err) {
  const e = err as { message?: string };
  process.stderr.write(`Could not add the region: ${e.message ?? err}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  lock?.release();
}
