// The personal-data inventory is complete: every table of the database is classified, every listed column
// exists, every subject query runs, and docs/privacy.md names every table that holds personal data.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { inventory, subjects } from './inventory.ts';
import { messages } from './messages.ts';
import { condition } from './repo-subject.ts';

let db: Db;
let columns: Map<string, Set<string>>;

beforeAll(async () => {
  db = await testDb();
  const rows = await db.query<{ t: string; c: string }>(
    `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
  );
  columns = new Map();
  for (const r of rows) columns.set(r.t, (columns.get(r.t) ?? new Set()).add(r.c));
});
afterAll(() => db.close());

describe('personal-data inventory', () => {
  it('classifies every table of the database (a new table must be added to inventory.ts)', () => {
    const listed = new Set(inventory.map((e) => e.table));
    const missing = [...columns.keys()].filter((t) => !listed.has(t)).sort();
    expect(missing, 'tables missing from src/domains/privacy/inventory.ts').toEqual([]);
  });

  it('lists each table once and only tables that exist', () => {
    const names = inventory.map((e) => e.table);
    expect(names.length).toBe(new Set(names).size);
    expect(names.filter((t) => !columns.has(t))).toEqual([]);
  });

  it('names only columns that exist', () => {
    const wrong: string[] = [];
    for (const e of inventory) {
      if (e.kind === 'none') continue;
      const have = columns.get(e.table) ?? new Set();
      const named = [...e.columns];
      if (e.kind === 'subject') {
        named.push(...(e.secret ?? []));
        if (e.erasure.action === 'anonymise') named.push(...Object.keys(e.erasure.set));
      }
      for (const c of named) if (!have.has(c)) wrong.push(`${e.table}.${c}`);
    }
    expect(wrong).toEqual([]);
  });

  it('runs every subject query, and every erasure condition runs', async () => {
    for (const t of subjects) {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${t.table} WHERE ${condition(t.where)} AND (${t.eraseWhere ?? 'true'})`,
        [null, ['nobody@example.test']],
      );
      expect(row?.n, t.table).toBe(0);
    }
  });

  it('keeps what archiving, ESF and audit rules require, and erases sign-in data', () => {
    const action = (table: string) => subjects.find((s) => s.table === table)?.erasure.action;
    for (const t of [
      'audit_log',
      'esf_participants',
      'esf_identities',
      'coaching_meeting_attendees',
      'attendance',
    ])
      expect(action(t), t).toBe('keep');
    for (const t of ['auth_sessions', 'api_tokens', 'login_attempts', 'one_time_tokens', 'mail_outbox'])
      expect(action(t), t).toBe('delete');
    expect(action('users')).toBe('anonymise');
    expect(subjects.at(-1)?.table).toBe('users');
  });

  it('has a label in both languages for every subject table', () => {
    for (const t of subjects) {
      const key = `privacy.table.${t.table}`;
      expect((messages.sv as Record<string, string>)[key], key).toBeTruthy();
      expect((messages.en as Record<string, string>)[key], key).toBeTruthy();
    }
  });

  it('docs/privacy.md names every table that holds personal data', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/privacy.md'), 'utf8');
    const missing = inventory
      .filter((e) => e.kind !== 'none' && !doc.includes(`\`${e.table}\``))
      .map((e) => e.table);
    expect(missing).toEqual([]);
  });
});
