// Demo: the request log shows one completed export (the demo participant's data, by the region admin) and
// one erasure (a synthetic learner who asked to be forgotten). Runs after the rest of the demo data.

import type { Db } from '../../../platform/db.ts';
import { actorForUser } from '../../accounts/index.ts';
import { eraseSubject, exportSubject } from './subject.ts';

const userId = async (db: Db, email: string) =>
  (await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]))[0]?.id ??
  null;

export async function seedPrivacyDemo(
  db: Db,
  opts: { adminEmail?: string; exportEmail?: string; eraseEmail?: string } = {},
): Promise<void> {
  const adminId = await userId(db, opts.adminEmail ?? 'region.admin@example.org');
  const actor = adminId ? await actorForUser(db, adminId, 'session') : null;
  if (!actor) return;
  const who = { actor, ip: '127.0.0.1' };
  const exportId = await userId(db, opts.exportEmail ?? 'participant@example.org');
  if (exportId) await exportSubject(db, who, { source: 'users', id: exportId }, 'json');
  const eraseEmail = opts.eraseEmail ?? 'demo.learner.30@example.org';
  const eraseId = await userId(db, eraseEmail);
  if (eraseId)
    await eraseSubject(db, who, eraseId, { confirmEmail: eraseEmail, reason: 'Demo: RK 2026/0042' });
}
