// Reads for public-records requests (utlämnande av allmän handling): a company's mappings and coaching
// engagements as the authority holds them. Never reads personal identity numbers (esf_identities).
import type { Db } from '../../platform/db.ts';

export interface CompanyHead {
  id: string;
  name: string;
  orgNumber: string;
  regionId: string;
  municipalityCodes: string[];
}

export async function findCompany(db: Db, id: string): Promise<CompanyHead | null> {
  const [row] = await db.query<CompanyHead>(
    `SELECT c.id, c.name, c.org_number AS "orgNumber", c.region_id AS "regionId",
            coalesce(array_agg(DISTINCT w.municipality_code) FILTER (WHERE w.municipality_code IS NOT NULL), '{}')
              AS "municipalityCodes"
       FROM companies c LEFT JOIN company_workplaces w ON w.company_id = c.id
      WHERE c.id = $1 GROUP BY c.id`,
    [id],
  );
  return row ?? null;
}

export interface MappingRecord {
  id: string;
  companyId: string;
  regionId: string;
  municipalityCode: string | null;
  status: string;
  roundName: string;
  startedAt: Date;
  submittedAt: Date | null;
  sensitive: string[];
  sections: { key: string; answers: Record<string, unknown> }[];
}

export function mappings(db: Db, by: { companyId?: string; id?: string }): Promise<MappingRecord[]> {
  return db.query<MappingRecord>(
    `SELECT m.id, m.company_id AS "companyId", m.region_id AS "regionId", m.municipality_code AS "municipalityCode",
            m.status, r.name_sv AS "roundName", m.started_at AS "startedAt", m.submitted_at AS "submittedAt",
            m.sensitive_questions AS sensitive,
            coalesce((SELECT json_agg(json_build_object('key', s.section_key, 'answers', s.answers)
                                      ORDER BY s.section_key)
                        FROM mapping_sections s WHERE s.mapping_id = m.id), '[]') AS sections
       FROM mappings m JOIN mapping_rounds r ON r.id = m.round_id
      WHERE ($1::uuid IS NULL OR m.company_id = $1) AND ($2::uuid IS NULL OR m.id = $2)
      ORDER BY m.started_at`,
    [by.companyId ?? null, by.id ?? null],
  );
}

export interface AttendeeRecord {
  kind: 'staff' | 'contact' | 'company_person';
  name: string;
  roleTitle: string | null;
  email: string | null;
}

export interface MeetingRecord {
  heldOn: string;
  kind: string;
  status: string;
  agenda: string;
  notes: string;
  decisions: string;
  nextSteps: string;
  attendees: AttendeeRecord[];
  attachments: { fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface EngagementRecord {
  id: string;
  companyId: string;
  regionId: string;
  municipalityCode: string;
  step: string;
  createdAt: Date;
  closedAt: Date | null;
  meetings: MeetingRecord[];
  planSummary: string | null;
  goals: { title: string; measure: string }[];
  actions: { title: string; ownerName: string | null; status: string; dueOn: string | null }[];
}

export function engagements(db: Db, by: { companyId?: string; id?: string }): Promise<EngagementRecord[]> {
  return db.query<EngagementRecord>(
    `SELECT e.id, e.company_id AS "companyId", e.region_id AS "regionId", e.municipality_code AS "municipalityCode",
            e.step, e.created_at AS "createdAt", e.closed_at AS "closedAt",
            coalesce((SELECT json_agg(json_build_object(
                'heldOn', m.held_on, 'kind', m.kind, 'status', m.status, 'agenda', m.agenda, 'notes', m.notes,
                'decisions', m.decisions, 'nextSteps', m.next_steps,
                'attendees', coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'name', a.name,
                                 'roleTitle', a.role_title, 'email', a.email) ORDER BY a.position)
                            FROM coaching_meeting_attendees a WHERE a.meeting_id = m.id), '[]'),
                'attachments', coalesce((SELECT json_agg(json_build_object('fileName', f.file_name,
                                 'mediaType', f.media_type, 'sizeBytes', f.size_bytes) ORDER BY f.created_at)
                            FROM coaching_attachments f WHERE f.meeting_id = m.id), '[]'))
              ORDER BY m.held_on, m.id) FROM coaching_meetings m WHERE m.engagement_id = e.id), '[]') AS meetings,
            p.summary AS "planSummary",
            coalesce((SELECT json_agg(json_build_object('title', g.title, 'measure', g.measure) ORDER BY g.position)
                        FROM plan_goals g WHERE g.plan_id = p.id), '[]') AS goals,
            coalesce((SELECT json_agg(json_build_object('title', x.title, 'ownerName', x.owner_name,
                                      'status', x.status, 'dueOn', x.due_on) ORDER BY x.position)
                        FROM plan_actions x WHERE x.plan_id = p.id), '[]') AS actions
       FROM engagements e LEFT JOIN coaching_plans p ON p.engagement_id = e.id
      WHERE ($1::uuid IS NULL OR e.company_id = $1) AND ($2::uuid IS NULL OR e.id = $2)
      ORDER BY e.created_at`,
    [by.companyId ?? null, by.id ?? null],
  );
}
