// npm run bench -- [--suite list|rollup] [--sizes 1000,100000] [--duration 10] [--connections 10]
// PGlite in a temporary directory by default; with DATABASE_URL, a throw-away database on that server.
// --suite rollup: the county roll-up of mapping needs against its SQL floor, and picker search
// (sizes default 100,10000,300000; --repeats sequential timings per endpoint and of the floor).
// --suite matching: getMatches for every company against one SQL join, the suggestion page over HTTP and
// 200 simultaneous enrolments for 20 seats (sizes default 1000,10000; --courses default 5000).
// --suite startup: first start on an empty data directory/database (demo data on) and a later start, to the
// first page served; resident memory at idle and under load.
// --suite importexport: 10 000 companies imported from CSV through the import page, and the full county roll-up
// exported as CSV and XLSX, each against a plain-SQL floor (--companies, default 10000).
// --suite queries: the ESF indicators, SCB month page and SCB file in-process against hand-written SQL floors
// (--scale tiny|county|region-x10, --repeats default 30).
// --suite trace: per main page, its SQL statements (count, time, planning and execution) for one request;
// --keep leaves the database for a closer look.
// --suite pages: the main pages, each as the role that uses it, next to /livez and the page rendered from a
// fixed view model (bench/floor-server.ts); --scale tiny|county|region-x10|sweden (default county), 50 connections;
// --template db reuses a database seeded before (BENCH_SEEDED_PASSWORD, BENCH_SEEDED_ESF_KEY).
import { parseArgs } from 'node:util';
import { runBench } from './bench.ts';
import { formatImportExportTable, runImportExportBench } from './importexport.ts';
import { formatMatchingTable, runMatchingBench } from './matching.ts';
import { formatPagesTable, PAGES, runPagesBench, SCALES, type ScaleName } from './pages.ts';
import { formatQueriesTable, runQueriesBench } from './queries.ts';
import { formatTable } from './report.ts';
import { formatRollupTable, runRollupBench } from './rollup.ts';
import { formatStartupTable, runStartupBench } from './startup.ts';
import { runTrace } from './trace.ts';

const USAGE =
  'Usage: npm run bench -- [--suite list|rollup|matching|pages|startup|importexport|queries|trace] [--scale tiny|county|region-x10|sweden] [--sizes 1000,100000] [--duration 10] [--connections 10] [--seed S] [--repeats 50] [--no-pickers] [--courses 5000] [--sample 50] [--seats 20] [--requests 200] [--companies 10000] [--keep] [--template db] [--pages companies-filtered,esf-scb-month]';

const argConfig = {
  options: {
    suite: { type: 'string', default: 'list' },
    sizes: { type: 'string' },
    repeats: { type: 'string', default: '50' },
    'no-pickers': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string' },
    scale: { type: 'string', default: 'county' },
    seed: { type: 'string' },
    courses: { type: 'string', default: '5000' },
    sample: { type: 'string', default: '50' },
    seats: { type: 'string', default: '20' },
    requests: { type: 'string', default: '200' },
    companies: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    template: { type: 'string' },
    pages: { type: 'string' },
  },
} as const;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(value: string, name: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    fail(`--${name} must be a whole number from 1 to ${max}.`);
  return Number(value);
}

let values: ReturnType<typeof parseArgs<typeof argConfig>>['values'];
try {
  ({ values } = parseArgs(argConfig));
} catch (err) {
  fail((err as Error).message);
}
const serverUrl = process.env.DATABASE_URL || undefined;
if (serverUrl && !/^postgres(ql)?:\/\//.test(serverUrl))
  fail('DATABASE_URL must start with postgres:// or postgresql://');

const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\nStopping: cleaning up the benchmark database …\n');
  controller.abort();
});

if (
  values.suite !== 'list' &&
  values.suite !== 'rollup' &&
  values.suite !== 'matching' &&
  values.suite !== 'pages' &&
  values.suite !== 'startup' &&
  values.suite !== 'importexport' &&
  values.suite !== 'trace' &&
  values.suite !== 'queries'
)
  fail('--suite must be list, rollup, matching, pages, startup, importexport, queries or trace.');
if (!Object.hasOwn(SCALES, values.scale)) fail(`--scale must be one of ${Object.keys(SCALES).join(', ')}.`);
if (values.scale === 'sweden' && values.suite !== 'pages') fail('--scale sweden is for the pages suite.');
const defaultSizes = {
  list: '1000,100000',
  rollup: '100,10000,300000',
  matching: '1000,10000',
  pages: '1',
  startup: '1',
  importexport: '1',
  trace: '1',
  queries: '1',
};
const sizes = values.sizes ?? defaultSizes[values.suite];
const options = {
  sizes: sizes.split(',').map((s) => positiveInt(s.trim(), 'sizes', 999_999)),
  duration: positiveInt(values.duration, 'duration', 600),
  // The pages suite measures at 50 concurrent connections (issue 9); the others at 10.
  connections: positiveInt(
    values.connections ?? (values.suite === 'pages' ? '50' : '10'),
    'connections',
    1000,
  ),
  seed: values.seed === undefined ? undefined : positiveInt(values.seed, 'seed', 2 ** 32 - 1),
  serverUrl,
  signal: controller.signal,
  log: (line: string) => process.stdout.write(`${line}\n`),
};
try {
  if (values.suite === 'startup') {
    const { result, file } = await runStartupBench(options);
    process.stdout.write(`\n${formatStartupTable(result)}\n\nWritten to ${file}\n`);
  } else if (values.suite === 'pages') {
    // --template: start from a copy of a database seeded earlier (say by an earlier run at the sweden scale,
    // which takes about 25 minutes to seed), with that seed's demo password and ESF key in the environment.
    let reuse = {};
    if (values.template) {
      const password = process.env.BENCH_SEEDED_PASSWORD;
      const esfKey = process.env.BENCH_SEEDED_ESF_KEY;
      if (!serverUrl || !password || !esfKey)
        fail('--template needs DATABASE_URL, BENCH_SEEDED_PASSWORD and BENCH_SEEDED_ESF_KEY.');
      reuse = { startFrom: { pgTemplate: values.template }, seeded: { password, esfKey } };
    }
    const only = values.pages?.split(',').map((name) => name.trim());
    const unknown = only?.filter((name) => !PAGES.some((p) => p.name === name)) ?? [];
    if (unknown.length > 0)
      fail(
        `--pages: unknown page ${unknown.join(', ')}; the pages are ${PAGES.map((p) => p.name).join(', ')}.`,
      );
    const { result, file } = await runPagesBench({
      ...options,
      ...reuse,
      ...(only ? { only } : {}),
      scale: values.scale as ScaleName,
    });
    process.stdout.write(`\n${formatPagesTable(result)}\n\nWritten to ${file}\n`);
  } else if (values.suite === 'queries') {
    const { result, file } = await runQueriesBench({
      ...options,
      scale: values.scale as ScaleName,
      repeats: values.repeats === '50' ? undefined : positiveInt(values.repeats, 'repeats', 10_000),
    });
    process.stdout.write(`\n${formatQueriesTable(result)}\n\nWritten to ${file}\n`);
  } else if (values.suite === 'trace') {
    const report = await runTrace({
      scale: values.scale as ScaleName,
      serverUrl,
      requests: positiveInt(values.requests === '200' ? '20' : values.requests, 'requests', 10_000),
      keep: values.keep,
      log: options.log,
    });
    process.stdout.write(`\n${report}\n`);
  } else if (values.suite === 'importexport') {
    const { result, file } = await runImportExportBench({
      ...options,
      companies: positiveInt(values.companies, 'companies', 10_000),
      repeats: values.repeats === '50' ? undefined : positiveInt(values.repeats, 'repeats', 10_000),
      scale: values.scale as ScaleName,
    });
    process.stdout.write(`\n${formatImportExportTable(result)}\n\nWritten to ${file}\n`);
  } else if (values.suite === 'matching') {
    const { result, file } = await runMatchingBench({
      ...options,
      courses: positiveInt(values.courses, 'courses', 1_000_000),
      sample: positiveInt(values.sample, 'sample', 10_000),
      seats: positiveInt(values.seats, 'seats', 10_000),
      requests: positiveInt(values.requests, 'requests', 10_000),
      repeats: values.repeats === '50' ? undefined : positiveInt(values.repeats, 'repeats', 10_000),
    });
    process.stdout.write(`\n${formatMatchingTable(result)}\n\nWritten to ${file}\n`);
  } else if (values.suite === 'rollup') {
    const { result, file } = await runRollupBench({
      ...options,
      repeats: positiveInt(values.repeats, 'repeats', 10_000),
      pickers: !values['no-pickers'],
    });
    process.stdout.write(`\n${formatRollupTable(result)}\n\nWritten to ${file}\n`);
  } else {
    const { result, file } = await runBench(options);
    process.stdout.write(`\n${formatTable(result)}\n\nWritten to ${file}\n`);
  }
} catch (err) {
  if (controller.signal.aborted) {
    process.stderr.write('Benchmark stopped; its database and temporary files are removed.\n');
    process.exit(130);
  }
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
