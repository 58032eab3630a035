// Named (server-side prepared) statements on PostgreSQL: which texts get a name, and that a prepared
// statement whose result type changed under it is forgotten and run again unnamed.
import { describe, expect, it } from 'vitest';
import { openPostgres, StatementNames } from './db.ts';

describe('StatementNames', () => {
  it('names a text from its third execution on, with a stable name', () => {
    const names = new StatementNames();
    expect(names.nameOf('SELECT 1')).toBeUndefined();
    expect(names.nameOf('SELECT 1')).toBeUndefined();
    const name = names.nameOf('SELECT 1');
    expect(name).toMatch(/^kn_[\w-]{24}$/);
    expect(names.nameOf('SELECT 1')).toBe(name);
    expect(new StatementNames().nameOf('SELECT 2')).toBeUndefined();
  });

  it('names at most `max` texts; the rest run unnamed', () => {
    const names = new StatementNames(1, 2);
    expect(names.nameOf('a')).toBeDefined();
    expect(names.nameOf('b')).toBeDefined();
    expect(names.nameOf('c')).toBeUndefined();
    expect(names.nameOf('c')).toBeUndefined();
    expect(names.nameOf('a')).toBeDefined();
  });

  it('never names a forgotten text again', () => {
    const names = new StatementNames(1);
    expect(names.nameOf('x')).toBeDefined();
    names.forget('x');
    expect(names.nameOf('x')).toBeUndefined();
    expect(names.nameOf('x')).toBeUndefined();
  });
});

const url = process.env.DATABASE_URL;

describe.runIf(url)('prepared statements on PostgreSQL', () => {
  it('answer as unnamed ones do, and survive a change of the table under them', async () => {
    const admin = openPostgres(url as string, { poolSize: 1, preparedStatements: false });
    const schema = `kn_prep_${process.pid}_${Date.now()}`;
    await admin.exec(
      `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (a int); INSERT INTO ${schema}.t VALUES (1), (2);`,
    );
    const db = openPostgres(url as string, { poolSize: 1, preparedStatements: true });
    try {
      const sql = `SELECT * FROM ${schema}.t WHERE a >= $1 ORDER BY a`;
      for (let i = 0; i < 5; i++) expect(await db.query(sql, [1])).toEqual([{ a: 1 }, { a: 2 }]);
      const [named] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`,
        [sql],
      );
      expect(named?.n).toBe(1);
      // The result type changes: the prepared form is stale; the statement still answers.
      await admin.exec(`ALTER TABLE ${schema}.t ADD COLUMN b text DEFAULT 'x'`);
      expect(await db.query(sql, [2])).toEqual([{ a: 2, b: 'x' }]);
      expect(await db.query(sql, [2])).toEqual([{ a: 2, b: 'x' }]);
      // Inside a transaction, too (named statements run on the transaction's connection).
      const inTx = await db.tx(async (tx) => {
        const q = `SELECT a FROM ${schema}.t WHERE a = $1`;
        const out = [];
        for (let i = 0; i < 4; i++) out.push(await tx.query(q, [1]));
        return out;
      });
      expect(inTx.every((r) => r.length === 1)).toBe(true);
    } finally {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
