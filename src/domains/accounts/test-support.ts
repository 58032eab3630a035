// Helpers shared by this domain's tests (not a test file itself).
import type { Db } from '../../platform/db.ts';

export interface MailRow {
  toAddress: string;
  subject: string;
  bodyText: string;
  status: string;
  regionId: string | null;
}

export async function mailsTo(db: Db, to: string): Promise<MailRow[]> {
  return db.query<MailRow>(
    `SELECT to_address AS "toAddress", subject, body_text AS "bodyText", status, region_id AS "regionId"
       FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY created_at, id`,
    [to],
  );
}

/** The path of the first one-time link of the kind in a text (`/invitation/…` or `/password/reset/…`). */
export function linkPath(text: string, kind: 'invitation' | 'password/reset'): string {
  const match = text.match(new RegExp(`http://localhost:3000(/${kind}/[A-Za-z0-9_-]{20,})`));
  if (!match?.[1]) throw new Error(`no ${kind} link in: ${text.slice(0, 200)}`);
  return match[1];
}

export async function organisationId(db: Db, kind: 'region' | 'municipality', code: string): Promise<string> {
  const rows = await db.query<{ id: string }>('SELECT id FROM organisations WHERE kind = $1 AND code = $2', [
    kind,
    code,
  ]);
  if (!rows[0]) throw new Error(`no ${kind} ${code}`);
  return rows[0].id;
}

export async function countWhere(db: Db, sql: string, params: (string | null)[]): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? 0;
}

/** A page without its per-request CSRF values, for comparing two answers. */
export function withoutCsrf(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, '');
}

/** A CSRF token for a client that is not signed in (the layout has no form then): from the login page. */
export async function anonCsrf(client: { get(url: string): Promise<{ body: string }> }): Promise<string> {
  const res = await client.get('/login');
  const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('no csrf token on the login page');
  return token;
}
