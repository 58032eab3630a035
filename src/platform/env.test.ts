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
});
