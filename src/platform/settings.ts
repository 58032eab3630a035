import type { Db } from './db.ts';

/**
 * An installation-wide setting, created once with `initial()` if missing. Safe when several processes
 * start together: the first insert wins and everyone reads the same value.
 */
export async function settingOrCreate(db: Db, key: string, initial: () => string): Promise<string> {
  await db.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    key,
    initial(),
  ]);
  const rows = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [key]);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`setting ${key} missing`);
  return value;
}
