// Demo data of the insights domain: coverage targets per municipality × SNI section for each round,
// derived from the demo region's active/eligible companies (about 60 % of them, at least 1 where any).
import type { Db } from '../platform/db.ts';

export async function seedInsightsDemo(db: Db, regionId: string, roundIds: string[]): Promise<void> {
  for (const [i, roundId] of roundIds.entries()) {
    const share = Math.max(0.2, 0.6 - i * 0.1);
    await db.query(
      `INSERT INTO coverage_targets (region_id, round_id, municipality_code, sni_section, target)
       SELECT $1, $2, h.municipality_code, h.section, greatest(1, ceil(count(*) * $3::numeric))::int
         FROM (SELECT coalesce(s.section, 'C') AS section,
                      (SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id
                        ORDER BY w.position, w.created_at, w.id LIMIT 1) AS municipality_code
                 FROM companies c LEFT JOIN ref_sni s ON s.code = c.sni_code
                WHERE c.region_id = $1 AND c.status IN ('active', 'eligible')) h
        WHERE h.municipality_code IS NOT NULL
        GROUP BY h.municipality_code, h.section
       ON CONFLICT (region_id, round_id, municipality_code, sni_section) DO NOTHING`,
      [regionId, roundId, share],
    );
  }
}
