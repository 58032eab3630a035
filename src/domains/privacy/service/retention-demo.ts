// Demo data for gallring: one retention decision (outgoing mail, 24 months) and one open proposal over
// two old outbox messages, so the confirmation page has something to show. Idempotent.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-retention.ts';
import { scanRetention } from './retention.ts';

export async function seedRetentionDemo(db: Db, regionId: string, recordedBy: string): Promise<void> {
  if (await repo.currentDecision(db, regionId, 'mail_outbox')) return;
  await db.tx(async (tx) => {
    await repo.insertDecision(tx, {
      id: randomUUID(),
      regionId,
      recordType: 'mail_outbox',
      reference: 'RK 2026/123 § 4',
      decidedOn: '2026-03-10',
      retentionMonths: 24,
      archiveIdentities: false,
      recordedBy,
    });
    for (const months of [30, 27])
      await tx.query(
        `INSERT INTO mail_outbox (id, region_id, to_address, subject, body_text, status, created_at)
         VALUES ($1, $2, 'demo.mottagare@example.test', 'Välkommen till Kompetensnavet',
                 'Hej! Detta är ett äldre utskick (demodata).', 'sent', now() - make_interval(months => $3::int))`,
        [randomUUID(), regionId, months],
      );
  });
  await scanRetention(db);
}
