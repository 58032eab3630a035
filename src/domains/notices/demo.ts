// Two demo accessibility reports for the region (idempotent: skipped when the region has reports).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { insertReport } from './repo.ts';

export async function seedNoticesDemo(db: Db, regionId: string): Promise<void> {
  const [existing] = await db.query(`SELECT 1 FROM accessibility_reports WHERE region_id = $1 LIMIT 1`, [
    regionId,
  ]);
  if (existing) return;
  await db.tx(async (tx) => {
    await insertReport(tx, {
      id: randomUUID(),
      regionId,
      organisationId: null,
      page: '/insights',
      description:
        'Diagrammet över kompetensbehov läses inte upp av min skärmläsare. Tabellen under fungerar, men det är svårt att hitta den.',
      wantsAlternative: false,
      reporterName: null,
      reporterEmail: null,
      reporterUserId: null,
      locale: 'sv',
    });
    const answered = randomUUID();
    await insertReport(tx, {
      id: answered,
      regionId,
      organisationId: null,
      page: '/kurser',
      description: 'Kursbeskrivningen från anordnaren är en skannad PDF. Kan jag få den som text?',
      wantsAlternative: true,
      reporterName: 'Demo Rapportör',
      reporterEmail: 'rapportor@example.test',
      reporterUserId: null,
      locale: 'sv',
    });
    await tx.query(
      `UPDATE accessibility_reports SET status = 'answered', note = $2, updated_at = now() WHERE id = $1`,
      [answered, 'Anordnaren har skickat kursbeskrivningen som Word-dokument; vidarebefordrat.'],
    );
  });
}
