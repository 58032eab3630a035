// npm run seed:synthetic -- [--companies N] [--seed S] [--county 07] [--mappings] [--courses N]
//                            [--scale county|region-x10|sweden]
// Adds N synthetic companies to the configured database (DATABASE_URL, or PGlite in DATA_DIR); with
// --mappings, also a submitted mapping (~20 needs) for every synthetic company of the region without one;
// with --courses N, N more synthetic approved courses (100 synthetic providers, 1–2 open occasions each);
// with --scale, every capability up to a named scale (companies, courses, mappings, participants with
// enrolments and attendance, coaching, e-learning, ESF participants of the county's programme with their SCB
// months; src/demo/synthetic-scales.ts): county and region-x10 in --county, sweden over every county. The ESF
// identities are sealed under the product's key ring (ESF_KEY, ESF_KEY_FILE or DATA_DIR/esf.key), checked
// against the database's key fingerprint as at start.
import { parseArgs } from 'node:util';
import { openDatabase, prepareDatabase } from '../bootstrap.ts';
import { DEFAULT_SEED, seedSynthetic } from '../demo/synthetic.ts';
import { SYNTHETIC_PROVIDERS, seedSyntheticCourses } from '../demo/synthetic-courses.ts';
import { seedSyntheticMappings } from '../demo/synthetic-mappings.ts';
import { SCALES, type Scale, scalePlans, seedSyntheticScale } from '../demo/synthetic-scales.ts';
import { countCompanies } from '../domains/companies/index.ts';
import { DataDirLockedError } from '../platform/db.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { loadKeyring, verifyKeyring } from '../platform/secrets.ts';

const USAGE =
  'Usage: npm run seed:synthetic -- [--companies N] [--seed S] [--county 07] [--mappings] [--courses N] [--scale county|region-x10|sweden]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const argConfig = {
  options: {
    companies: { type: 'string' },
    seed: { type: 'string' },
    county: { type: 'string' },
    mappings: { type: 'boolean', default: false },
    courses: { type: 'string' },
    scale: { type: 'string' },
  },
} as const;

function options() {
  let values: ReturnType<typeof parseArgs<typeof argConfig>>['values'];
  try {
    ({ values } = parseArgs(argConfig));
  } catch (err) {
    fail((err as Error).message);
  }
  const { companies, seed, county, mappings, courses, scale } = values;
  if (companies === undefined && !mappings && courses === undefined && scale === undefined)
    fail('Give --companies N, --mappings, --courses N, --scale S or several.');
  if (scale !== undefined && !(SCALES as readonly string[]).includes(scale))
    fail(`--scale must be one of ${SCALES.join(', ')}.`);
  if (courses !== undefined && (!/^\d+$/.test(courses) || Number(courses) < 1))
    fail('--courses must be a positive whole number.');
  if (companies !== undefined && (!/^\d+$/.test(companies) || Number(companies) < 1))
    fail('--companies must be a positive whole number.');
  if (seed !== undefined && !/^\d+$/.test(seed)) fail('--seed must be a whole number.');
  if (county !== undefined && !/^\d{2}$/.test(county))
    fail('--county must be a two-digit county code such as 07.');
  return {
    companies: companies === undefined ? 0 : Number(companies),
    mappings: mappings === true,
    courses: courses === undefined ? 0 : Number(courses),
    scale: scale as Scale | undefined,
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

/** Prints "done / total (s)" at most once a second, and at the end. */
function progress(unit: string) {
  const started = performance.now();
  let lastReport = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - lastReport < 1000) return;
    lastReport = now;
    process.stdout.write(`  ${done} / ${total}${unit} (${((now - started) / 1000).toFixed(1)} s)\n`);
  };
}

async function addCompanies(): Promise<void> {
  process.stdout.write(
    `${where}: adding ${opts.companies} synthetic companies (county ${opts.county}, seed ${opts.seed})\n`,
  );
  if (opts.county !== '07')
    process.stdout.write(
      'Workplaces are spread evenly over the municipalities (population weights exist for Kronoberg only).\n',
    );
  const result = await seedSynthetic(db, {
    companies: opts.companies,
    seed: opts.seed,
    county: opts.county,
    onProgress: progress(''),
  });
  const total = await countCompanies(db);
  process.stdout.write(
    `Added ${result.inserted} companies (organisationsnummer serials ${result.firstSerial}–${result.lastSerial}) in ${(result.ms / 1000).toFixed(1)} s, VACUUM (ANALYZE) included; ${total} companies in the database.\n`,
  );
}

async function addMappings(): Promise<void> {
  process.stdout.write(
    `${where}: adding a submitted mapping (round synthetic-start, ~20 needs each) for every synthetic company of county ${opts.county} without one (seed ${opts.seed})\n`,
  );
  if (db.kind === 'pglite')
    process.stdout.write(
      'PGlite: about 80 companies a second (10 000 in about 2 minutes); for 100 000 and more use PostgreSQL (DATABASE_URL).\n',
    );
  const result = await seedSyntheticMappings(db, {
    seed: opts.seed,
    county: opts.county,
    onProgress: progress(' mappings'),
  });
  process.stdout.write(
    `Added ${result.mappings} submitted mappings with ${result.needs} needs in ${(result.ms / 1000).toFixed(1)} s, ANALYZE included.\n`,
  );
}

async function addCourses(): Promise<void> {
  process.stdout.write(
    `${where}: adding ${opts.courses} synthetic approved courses of ${SYNTHETIC_PROVIDERS} synthetic providers (county ${opts.county}, seed ${opts.seed})\n`,
  );
  const result = await seedSyntheticCourses(db, {
    courses: opts.courses,
    seed: opts.seed,
    county: opts.county,
    onProgress: progress(' courses'),
  });
  process.stdout.write(
    `Added ${result.courses} courses (serials ${result.firstSerial}–${result.firstSerial + result.courses - 1}) with ${result.competences} competences and ${result.occasions} open occasions in ${(result.ms / 1000).toFixed(1)} s, ANALYZE included.\n`,
  );
}

async function addScale(scale: Scale): Promise<void> {
  const plans = scalePlans(scale, opts.county);
  const companies = plans.reduce((a, p) => a + p.companies, 0);
  process.stdout.write(
    `${where}: filling scale ${scale} (${companies} companies in ${plans.length === 1 ? `county ${opts.county}` : `${plans.length} counties`}, seed ${opts.seed})\n`,
  );
  const started = performance.now();
  const { keyring } = loadKeyring({
    esfKey: env.ESF_KEY,
    esfKeyFile: env.ESF_KEY_FILE,
    dataDir: env.DATA_DIR,
  });
  await verifyKeyring(db, keyring);
  await seedSyntheticScale(db, {
    scale,
    seed: opts.seed,
    county: opts.county,
    keyring,
    onProgress: progress(''),
    onStep: (s) =>
      process.stdout.write(
        `county ${s.county} ${s.step}: added ${s.added} in ${(s.ms / 1000).toFixed(1)} s\n`,
      ),
  });
  process.stdout.write(`Scale ${scale} filled in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
}

try {
  await prepareDatabase(db);
  if (opts.companies > 0) await addCompanies();
  if (opts.mappings) await addMappings();
  if (opts.courses > 0) await addCourses();
  if (opts.scale) await addScale(opts.scale);
} catch (err) {
  // Batches already committed stay (one transaction each); a new run continues after them.
  process.stderr.write(`Could not add synthetic data: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  lock?.release();
}
