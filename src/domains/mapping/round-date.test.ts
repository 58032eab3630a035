// Regression (fuzz suite, issue 8): an impossible round date (2026-02-30) passed the form schema and made
// PostgreSQL fail (500). It is now a field error.
import { describe, expect, it } from 'vitest';
import { roundForm } from './routes/mappings.tsx';

describe('mapping round dates', () => {
  it('refuses impossible calendar dates and accepts real ones', () => {
    const base = { key: 'host-2026', nameSv: 'Höst', nameEn: 'Autumn' };
    const bad = roundForm.safeParse({ ...base, opensOn: '2026-02-30', closesOn: '2026-13-01' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['closesOn', 'opensOn']);
    const ok = roundForm.safeParse({ ...base, opensOn: '2028-02-29', closesOn: '' });
    expect(ok.success).toBe(true);
  });
});
