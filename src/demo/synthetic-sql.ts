// Shared SQL pieces of the set-based synthetic generators (synthetic-participants, -coaching, -elearning):
// draws from md5 digests, literals, the synthetic providers' and courses' derived ids, and the batch setup.
import type { Db } from '../platform/db.ts';
import { sqlUuidFrom } from '../platform/derived-uuid.ts';

/** A 28-bit unsigned number from hex digits `at` (1-based) of an md5 text. */
export const bits = (h: string, at: number) => `('x' || substr(${h}, ${at}, 7))::bit(28)::int`;
/** A number in [0, 1) from hex digits `at` of an md5 text. */
export const unit = (h: string, at: number) => `(${bits(h, at)} / 268435456.0)`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const textArray = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(', ')}]::text[]`;

/** Weighted choice: `choices` as [sql value, weight]; draws from digits `at` of h. */
export function weightedSql(h: string, at: number, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((a, [, w]) => a + w, 0);
  let cum = 0;
  const arms = choices.slice(0, -1).map(([v, w]) => {
    cum += w;
    return `WHEN ${bits(h, at)} % ${total} < ${cum} THEN ${v}`;
  });
  return `CASE ${arms.join(' ')} ELSE ${choices[choices.length - 1][0]} END`;
}

/** The id of synthetic provider `p` (an SQL int) of region `region` (an SQL uuid), as synthetic-courses makes it. */
export const sqlProviderId = (region: string, p: string) =>
  sqlUuidFrom(`'kn-synthetic-provider:' || ${region}::text || ':' || ${p}`);

/** SQL: the region's synthetic courses (those of its synthetic providers), as `SELECT id FROM courses …`. */
export const syntheticCoursesOf = (region: string) =>
  `SELECT c.id FROM courses c WHERE c.region_id = ${region}
      AND c.provider_org_id IN (SELECT ${sqlProviderId(region, 'p')} FROM generate_series(0, 99) AS p)`;

export async function isSuperuser(db: Db): Promise<boolean> {
  const rows = await db.query<{ su: boolean }>(
    'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.su === true;
}

/**
 * Per batch transaction: no JIT on PostgreSQL (it compiles every statement anew and buys nothing here), and,
 * when `skipFkTriggers` (the role is a superuser), no per-row foreign-key triggers — every key the
 * generators write is drawn from the table it references; their tests check the keys hold.
 */
export async function batchSetup(db: Db, tx: Db, skipFkTriggers: boolean): Promise<void> {
  if (db.kind === 'postgres') await tx.query('SET LOCAL jit = off');
  if (skipFkTriggers) await tx.query('SET LOCAL session_replication_role = replica');
}
