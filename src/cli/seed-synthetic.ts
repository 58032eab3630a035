// npm run seed:synthetic -- --companies N [--seed S] [--county 07]
// Adds N synthetic companies to the configured database (DATABASE_URL, or PGlite in DATA_DIR).
import { parseArgs } from 'node:util';
import { openDatabase, prepareDatabase } from '../bootstrap.ts';
import { DEFAULT_SEED, seedSynthetic } from '../demo/synthetic.ts';
import { countCompanies } from '../domains/companies/index.ts';
import { DataDirLockedError } from '../platform/db.ts';
import { loadEnvOrExit } from '../platform/env.ts';

const USAGE = 'Usage: npm run seed:synthetic -- --companies N [--seed S] [--county 07]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const argConfig = {
  options: { companies: { type: 'string' }, seed: { type: 'string' }, county: { type: 'string' } },
} as const;

function options() {
  let values: ReturnType<typeof parseArgs<typeof argConfig>>['values'];
  try {
    ({ values } = parseArgs(argConfig));
  } catch (err) {
    fail((err as Error).message);
  }
  const { companies, seed, county } = values;
  if (!companies || !/^\d+$/.test(companies) || Number(companies) < 1)
    fail('--companies must be a positive whole number.');
  if (seed !== undefined && !/^\d+$/.test(seed)) fail('--seed must be a whole number.');
  if (county !== undefined && !/^\d{2}$/.test(county))
    fail('--county must be a two-digit county code such as 07.');
  return {
    companies: Number(companies),
    seed: seed === undefined ? DEFAULT_SEED : Number(seed) >>> 0,
    county: county ?? '07',
  };
}

const opts = options();
const env = loadEnvOrExit();
let opened: Awaited<ReturnType<typeof openDatabase>>;
try {
  opened = await openDatabase(env);
} catch (err) {
  if (err instanceof DataDirLockedError) fail(`${err.message} Stop that process first.`);
  throw err;
}
const { db, lock, where } = opened;
try {
  await prepareDatabase(db);
  process.stdout.write(
    `${where}: adding ${opts.companies} synthetic companies (county ${opts.county}, seed ${opts.seed})\n`,
  );
  if (opts.county !== '07')
    process.stdout.write(
      'Workplaces are spread evenly over the municipalities (population weights exist for Kronoberg only).\n',
    );
  const started = performance.now();
  let lastReport = 0;
  const result = await seedSynthetic(db, {
    ...opts,
    onProgress: (done, total) => {
      const now = performance.now();
      if (done < total && now - lastReport < 1000) return;
      lastReport = now;
      process.stdout.write(`  ${done} / ${total} (${((now - started) / 1000).toFixed(1)} s)\n`);
    },
  });
  const total = await countCompanies(db);
  process.stdout.write(
    `Added ${result.inserted} companies (organisationsnummer serials ${result.firstSerial}–${result.lastSerial}) in ${(result.ms / 1000).toFixed(1)} s, VACUUM (ANALYZE) included; ${total} companies in the database.\n`,
  );
} catch (err) {
  // Batches already committed stay (one transaction each); a new run continues after them.
  process.stderr.write(`Could not add synthetic companies: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  lock?.release();
}
