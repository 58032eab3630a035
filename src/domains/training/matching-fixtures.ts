// Test data for needs-to-course matching (integration and browser tests): submitted mappings with needs,
// provider organisations and approved courses with occasions, written straight into the tables.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

export interface FixtureNeed {
  competenceId: string;
  urgency: 'now' | 'within6Months' | 'within6To12Months' | 'within1To3Years';
  women: number;
  men: number;
  /** Default 'externalTraining'. */
  strategy?: string;
}

export async function regionIdOf(db: Db): Promise<string> {
  const [r] = await db.query<{ id: string }>(
    "SELECT id FROM organisations WHERE kind = 'region' ORDER BY created_at LIMIT 1",
  );
  if (!r) throw new Error('no region');
  return r.id;
}

/** The first `n` competence concepts of the reference data. */
export async function someCompetences(db: Db, n: number): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    'SELECT concept_id AS id, name_sv AS name FROM ref_competences ORDER BY concept_id LIMIT $1',
    [n],
  );
}

export async function makeProviderOrg(db: Db, regionId: string, name: string): Promise<string> {
  const id = randomUUID();
  await db.query("INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)", [
    id,
    name,
    regionId,
  ]);
  return id;
}

/** A submitted mapping of the company (a new round each time) with the needs; returns the mapping id. */
export async function submitMappingWithNeeds(
  db: Db,
  opts: {
    companyId: string;
    regionId: string;
    municipalityCode: string;
    needs: FixtureNeed[];
    formats?: string[];
  },
): Promise<string> {
  const [instrument] = await db.query<{ id: string }>('SELECT id FROM mapping_instruments LIMIT 1');
  if (!instrument) throw new Error('no instrument: call ensureCommonInstrument first');
  const roundId = randomUUID();
  const mappingId = randomUUID();
  await db.query(
    `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en) VALUES ($1, $2, $3, 'Runda', 'Round')`,
    [roundId, opts.regionId, `r-${roundId.slice(0, 8)}`],
  );
  await db.query(
    `INSERT INTO mappings (id, company_id, round_id, instrument_id, region_id, mode, status, submitted_at,
                           municipality_code)
     VALUES ($1, $2, $3, $4, $5, 'interview', 'submitted', now(), $6)`,
    [mappingId, opts.companyId, roundId, instrument.id, opts.regionId, opts.municipalityCode],
  );
  let position = 0;
  for (const n of opts.needs) {
    await db.query(
      `INSERT INTO mapping_needs (mapping_id, position, company_id, round_id, region_id, municipality_code,
                                  role_key, competence_id, gap_size, women, men, urgency, strategy, priority)
       VALUES ($1, $2, $3, $4, $5, $6, 'r1', $7, 1, $8, $9, $10, $11, 1)`,
      [
        mappingId,
        position++,
        opts.companyId,
        roundId,
        opts.regionId,
        opts.municipalityCode,
        n.competenceId,
        n.women,
        n.men,
        n.urgency,
        n.strategy ?? 'externalTraining',
      ],
    );
  }
  if (opts.formats)
    await db.query(
      `INSERT INTO mapping_sections (mapping_id, section_key, answers, revision)
       VALUES ($1, 'trainingPreferences', $2, 1)`,
      [mappingId, JSON.stringify({ trainingFormat: opts.formats })],
    );
  return mappingId;
}

export interface FixtureCourse {
  regionId: string;
  providerOrgId: string;
  title: string;
  competenceIds: string[];
  format?: 'classroom' | 'digital' | 'blended';
  status?: 'draft' | 'submitted' | 'approved' | 'withdrawn';
  municipalityCode?: string | null;
  /** Days from today of the occasions' starts (negative = past). */
  occasionsInDays?: number[];
}

/** A course with its competences and open occasions; returns the course id and the occasion ids. */
export async function makeCourse(db: Db, c: FixtureCourse): Promise<{ id: string; occasionIds: string[] }> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, municipality_code, financing,
                          status, approved_at)
     VALUES ($1, $2, $3, $4, $5, 8, $6, 'company', $7, CASE WHEN $7 = 'approved' THEN now() END)`,
    [
      id,
      c.regionId,
      c.providerOrgId,
      c.title,
      c.format ?? 'classroom',
      c.municipalityCode ?? null,
      c.status ?? 'approved',
    ],
  );
  for (const competenceId of c.competenceIds)
    await db.query('INSERT INTO course_competences (course_id, competence_id) VALUES ($1, $2)', [
      id,
      competenceId,
    ]);
  const occasionIds: string[] = [];
  for (const days of c.occasionsInDays ?? []) {
    const occasionId = randomUUID();
    await db.query(
      `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline,
                                     municipality_code)
       VALUES ($1, $2, current_date + $3::int, current_date + $3::int + 5, 20, current_date + $3::int, $4)`,
      [occasionId, id, days, c.municipalityCode ?? null],
    );
    occasionIds.push(occasionId);
  }
  return { id, occasionIds };
}
