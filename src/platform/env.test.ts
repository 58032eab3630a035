import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const r = parseEnv({});
    expect(r.ok && r.env.PORT === 3000 && r.env.DATA_DIR === './data' && r.env.DEMO_DATA === 'on').toBe(true);
  });
  it('names every bad value on its own line', () => {
    const r = parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe', BASE_URL: 'not a url' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(4);
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BASE_URL',
      'DATABASE_URL',
      'DEMO_DATA',
      'PORT',
    ]);
  });
  it('treats empty strings as unset', () => {
    const r = parseEnv({ SMTP_URL: '', PORT: '' });
    expect(r.ok && r.env.SMTP_URL === undefined && r.env.PORT === 3000).toBe(true);
  });
  it('runs jobs in every process unless JOBS=off', () => {
    const on = parseEnv({});
    expect(on.ok && on.env.JOBS === 'on').toBe(true);
    const off = parseEnv({ JOBS: 'off', DATABASE_URL: 'postgres://a/db' });
    expect(off.ok && off.env.JOBS === 'off').toBe(true);
    const embedded = parseEnv({ JOBS: 'off' });
    expect(embedded.ok ? [] : embedded.problems).toEqual([
      'JOBS: off needs DATABASE_URL (and npm run worker)',
    ]);
    const bad = parseEnv({ JOBS: 'sometimes' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0])).toEqual(['JOBS']);
  });
  it('takes a read replica only next to a PostgreSQL primary', () => {
    const both = parseEnv({ DATABASE_URL: 'postgres://a/db', DATABASE_READ_URL: 'postgres://b/db' });
    expect(both.ok && both.env.DATABASE_READ_URL === 'postgres://b/db').toBe(true);
    const alone = parseEnv({ DATABASE_READ_URL: 'postgres://b/db' });
    expect(alone.ok ? [] : alone.problems).toEqual(['DATABASE_READ_URL: needs DATABASE_URL']);
    const bad = parseEnv({ DATABASE_URL: 'postgres://a/db', DATABASE_READ_URL: 'mysql://b' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(':')[0])).toEqual(['DATABASE_READ_URL']);
  });
});
