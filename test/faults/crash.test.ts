// Crash consistency: a real child process runs one of the product's write operations (a company import,
// a mapping submission, an enrolment, an SCB month) and is killed with SIGKILL while its transaction is
// open. The moment is detected from outside: the test holds a lock on a table the operation writes late,
// and waits until the child's backend has written (backend_xid set) and waits on that lock. Afterwards
// nothing of the operation is left, and running it again succeeds completely.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImport } from '../../src/domains/companies/transfer/import-service.ts';
import { csv, row } from '../../src/domains/companies/transfer/test-support.ts';
import { esfSetup, makeParticipant } from '../../src/domains/esf/test-support.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from '../../src/domains/mapping/index.ts';
import { searchCompetences } from '../../src/domains/reference/index.ts';
import {
  day,
  makeCourse,
  makeOccasion,
  makeProviderOrg,
  regionOf,
} from '../../src/domains/training/enrolment-test-support.ts';
import { type Db, openPostgres } from '../../src/platform/db.ts';
import { actorOf, makeUser } from '../app.ts';
import { makeCompany } from '../factories.ts';
import { type CrashArgs, runOperation } from '../fixtures/crash-operations.ts';
import { ownDatabase } from './support.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Killing a process mid-transaction needs a server that outlives it; PGlite runs inside the process.
describe.skipIf(!process.env.DATABASE_URL)('crash consistency: SIGKILL mid-transaction (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let db: Db;
  let check: pg.Client;

  beforeAll(async () => {
    database = await ownDatabase();
    db = openPostgres(database.url, 3);
    check = await database.connect();
  });
  afterAll(async () => {
    await check?.end();
    await db?.close();
    await database?.drop();
  });

  const n = async (sql: string, params: unknown[] = []) =>
    Number((await check.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
  const audits = () => n('SELECT count(*)::int AS n FROM audit_log');

  function runChild(appName: string, operation: string, args: CrashArgs) {
    const url = new URL(database.url);
    url.searchParams.set('application_name', appName);
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/fixtures/crash-operation.ts',
        url.toString(),
        operation,
        JSON.stringify(args),
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: 'pipe' },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, out: () => out, err: () => err };
  }

  async function until(what: string, fn: () => Promise<boolean>, ms = 90_000) {
    const end = Date.now() + ms;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Run the operation in a child, hold `lockTable` so it stops mid-transaction after its first writes,
   * SIGKILL it there, and wait until the server has ended its backend (the transaction rolled back).
   */
  async function killMidTransaction(operation: string, args: CrashArgs, lockTable: string) {
    const appName = `kn-crash-${randomUUID().slice(0, 8)}`;
    const locker = await database.connect('kn-crash-locker');
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${lockTable} IN SHARE MODE`);
    const run = runChild(appName, operation, args);
    let gone = false;
    void run.exited.then(() => {
      gone = true;
    });
    try {
      await until('the child to write and wait inside its transaction', async () => {
        if (gone) throw new Error(`child exited early: ${run.out()} ${run.err()}`);
        const rows = await check.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL
             AND backend_xid IS NOT NULL AND wait_event_type = 'Lock'`,
          [appName],
        );
        return rows.rowCount === 1;
      });
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // The backend notices its client is gone once the lock is free, and rolls back.
    await until('the killed backend to end', async () => {
      const rows = await check.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [appName]);
      return rows.rowCount === 0;
    });
    expect(run.out()).not.toContain('done');
  }

  /** "Restart": the operation again over a fresh connection pool of the test process, to the end. */
  async function runToEnd(operation: string, args: CrashArgs): Promise<unknown> {
    const fresh = openPostgres(database.url, 2);
    try {
      return await runOperation(fresh, operation, args);
    } finally {
      await fresh.close();
    }
  }

  it('a company import (300 rows): no company of it after the kill; confirming again adds all 300', async () => {
    const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const actor = await actorOf(db, admin.id);
    const rows = Array.from({ length: 300 }, () => row());
    const created = await createImport(
      db,
      { actor, ip: '127.0.0.1' },
      { fileName: 'crash.csv', text: csv(rows) },
      'skip',
    );
    if (!created.ok) throw new Error('import not created');
    const orgNumbers = rows.map((r) => r[0].replace('-', ''));
    const ofImport = () =>
      n(`SELECT count(*)::int AS n FROM companies WHERE replace(org_number, '-', '') = ANY($1)`, [
        orgNumbers,
      ]);
    const auditsBefore = await audits();

    await killMidTransaction('import', { userId: admin.id, importId: created.id }, 'audit_log');
    expect(await ofImport()).toBe(0);
    expect(await audits()).toBe(auditsBefore);
    expect(
      await n(`SELECT count(*)::int AS n FROM company_imports WHERE id = $1 AND status = 'pending'`, [
        created.id,
      ]),
    ).toBe(1);

    expect(await runToEnd('import', { userId: admin.id, importId: created.id })).toMatchObject({
      added: 300,
    });
    expect(await ofImport()).toBe(300);
    expect(
      await n(`SELECT count(*)::int AS n FROM company_imports WHERE id = $1 AND status = 'done'`, [
        created.id,
      ]),
    ).toBe(1);
  }, 150_000);

  it('a mapping submission: still in progress without results or roll-up after the kill; submitting again locks it with all of them', async () => {
    await ensureCommonInstrument(db);
    const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
    const companyId = await makeCompany(db, officer, {
      name: 'Kraschtest AB',
      workplaces: [{ name: 'Kontoret', city: 'Växjö', municipalityCode: '0780' }],
    });
    const roundId = await mappings.createRound(db, await actorOf(db, admin.id), {
      key: `crash-${randomUUID().slice(0, 6)}`,
      nameSv: 'Krasch',
      nameEn: 'Crash',
      opensOn: null,
      closesOn: null,
    });
    const a = await actorOf(db, officer.id);
    const { id } = await mappings.startMapping(db, a, { companyId, roundId });
    await mappings.acceptNotice(db, a, id, []);
    const view = await mappings.getMapping(db, a, id);
    const competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
    const answers = sampleAnswers(view.definition, {
      roles: [{ title: 'Svetsare', ssyk: '7212', women: 1, men: 4 }],
      competenceIds,
      maturity: [2, 3],
    });
    let revision = view.mapping.revision;
    for (const [key, section] of Object.entries(answers)) {
      const r = await mappings.saveSection(db, a, id, key, { baseRevision: revision, answers: section });
      if (r.kind !== 'saved') throw new Error('conflict');
      revision = r.revision;
    }
    const status = async () =>
      (await check.query<{ status: string }>('SELECT status FROM mappings WHERE id = $1', [id])).rows[0]
        ?.status;
    const results = () => n('SELECT count(*)::int AS n FROM mapping_roles WHERE mapping_id = $1', [id]);
    const rollup = () =>
      n('SELECT coalesce(sum(companies), 0)::int AS n FROM mapping_rollup_cells WHERE round_id = $1', [
        roundId,
      ]);
    const auditsBefore = await audits();

    await killMidTransaction('mapping', { userId: officer.id, mappingId: id }, 'audit_log');
    expect(await status()).not.toBe('submitted');
    expect(await results()).toBe(0);
    expect(await rollup()).toBe(0);
    expect(await audits()).toBe(auditsBefore);

    await runToEnd('mapping', { userId: officer.id, mappingId: id });
    expect(await status()).toBe('submitted');
    expect(await results()).toBeGreaterThan(0);
    expect(await rollup()).toBe(1);
    expect(
      await n(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'mapping.submit' AND entity_id = $1`, [
        id,
      ]),
    ).toBe(1);
  }, 150_000);

  it('an enrolment of three learners for one seat: none of them after the kill; again: one seat, two waitlisted, three audit rows', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const companyId = await makeCompany(db, officer);
    const contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
    const regionId = await regionOf(db, companyId);
    const courseId = await makeCourse(db, {
      regionId,
      providerOrgId: await makeProviderOrg(db, regionId),
      financing: 'company',
    });
    const occasionId = await makeOccasion(db, courseId, {
      startsOn: day(20),
      endsOn: day(21),
      seats: 1,
      deadline: day(10),
    });
    const learnerIds = [randomUUID(), randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO learners (id, company_id, first_name, last_name)
       SELECT id, $2, 'Deltagare', 'Nr ' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
      [learnerIds, companyId],
    );
    const byStatus = async () =>
      Object.fromEntries(
        (
          await check.query<{ status: string; n: number }>(
            'SELECT status, count(*)::int AS n FROM enrolments WHERE occasion_id = $1 GROUP BY status',
            [occasionId],
          )
        ).rows.map((r) => [r.status, r.n]),
      );
    const enrolAudits = () =>
      n(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'training.enrolled' AND details->>'occasionId' = $1`,
        [occasionId],
      );
    const auditsBefore = await audits();

    const args = { userId: contact.id, occasionId, learnerIds };
    await killMidTransaction('enrolment', args, 'audit_log');
    expect(await byStatus()).toEqual({});
    expect(await audits()).toBe(auditsBefore);

    await runToEnd('enrolment', args);
    expect(await byStatus()).toEqual({ enrolled: 1, waitlisted: 2 });
    expect(await enrolAudits()).toBe(3);
  }, 150_000);

  it('an SCB month: not marked produced without its rows after the kill; producing again gives version 1 with its row', async () => {
    const s = await esfSetup(db);
    await db.query(`UPDATE programmes SET starts_on = '2026-01-01' WHERE id = $1`, [s.programmeId]);
    await makeParticipant(db, s, { firstName: 'Anna', lastName: 'Andersson', startedOn: '2026-01-15' });
    const months = () =>
      n(`SELECT count(*)::int AS n FROM esf_scb_months WHERE programme_id = $1`, [s.programmeId]);
    const monthRows = () =>
      n(
        `SELECT count(*)::int AS n FROM esf_scb_month_rows r JOIN esf_scb_months m ON m.id = r.month_id
          WHERE m.programme_id = $1`,
        [s.programmeId],
      );
    const auditsBefore = await audits();

    const args = { userId: s.admin.id, month: '2026-01' };
    // The rows are written after the month's version row: stop there.
    await killMidTransaction('scb', args, 'esf_scb_month_rows');
    expect(await months()).toBe(0);
    expect(await monthRows()).toBe(0);
    expect(await audits()).toBe(auditsBefore);

    expect(await runToEnd('scb', args)).toMatchObject({ month: '2026-01', version: 1, rowCount: 1 });
    expect(await months()).toBe(1);
    expect(await monthRows()).toBe(1);
  }, 150_000);
});
