// The personal-data inventory: EVERY table of the database, classified in code. `inventory.test.ts` fails when
// a table exists that is not listed here, or a listed column does not exist, so the inventory grows with the
// product. It is also the one declared cross-domain read (and erasure) path of data-subject requests: the SQL
// of `repo-subject.ts` is built only from these constants (decision text in the domain README).
import { subjectTables } from './inventory-subject.ts';
import type {
  InventoryEntry,
  KeepRule,
  NotPersonal,
  SubjectTable,
  TraceTable,
} from './inventory-subject-types.ts';

export type * from './inventory-subject-types.ts';

const none = (domain: string, ...tables: string[]): NotPersonal[] =>
  tables.map((table) => ({ table, domain, kind: 'none' }));
const trace = (
  table: string,
  domain: string,
  columns: string[],
  rule: KeepRule = 'public_records',
): TraceTable => ({
  table,
  domain,
  kind: 'trace',
  columns,
  rule,
});

const notPersonal: NotPersonal[] = [
  ...none(
    'reference',
    'reference_datasets',
    'ref_counties',
    'ref_municipalities',
    'ref_sni',
    'ref_ssyk',
    'ref_ssyk_jobtech',
    'ref_isco',
    'ref_ssyk_isco',
    'ref_occupation_names',
    'ref_occupation_titles_scb',
    'ref_competences',
    'ref_ssyk_competences',
    'ref_sun_levels',
    'ref_sun_fields',
    'ref_esco_occupations',
    'ref_esco_skill_groups',
  ),
  ...none('platform', 'schema_migrations', 'app_settings', 'signing_keys'),
  ...none('organisations', 'organisations', 'programmes'),
  // A sole trader's org_number is the owner's personnummer: masked outside the company's own pages; the
  // company is the subject of these records, not a person (docs/privacy.md).
  ...none('companies', 'companies', 'company_workplaces'),
  ...none(
    'mapping',
    'mapping_maturity',
    'mapping_needs',
    'mapping_recruitments',
    'mapping_requirements',
    'mapping_roles',
    'mapping_rollup_cells',
    'mapping_rounds',
  ),
  ...none('coaching', 'coaching_plans', 'plan_goals', 'plan_action_courses', 'plan_action_needs'),
  ...none('training', 'course_competences', 'course_occasions', 'course_sessions'),
  ...none('esf', 'esf_budget_lines', 'esf_unit_costs'),
  ...none('elearning', 'dl_lessons', 'dl_modules', 'dl_options', 'dl_questions', 'dl_version_competences'),
  ...none('xapi', 'xapi_activities', 'xapi_attachments'),
];

const traces: TraceTable[] = [
  trace('jobs', 'platform', ['payload', 'last_error'], 'pseudonymous'),
  trace('company_imports', 'companies', ['user_id', 'rows'], 'pseudonymous'),
  trace('mapping_instruments', 'mapping', ['created_by']),
  trace('mappings', 'mapping', [
    'notice_accepted_by',
    'started_by',
    'updated_by',
    'submitted_by',
    'interview_notes',
  ]),
  trace('mapping_sections', 'mapping', ['updated_by']),
  trace('mapping_note_concepts', 'mapping', ['confirmed_by']),
  trace('coverage_targets', 'insights', ['updated_by']),
  trace('insights_disclosure_rules', 'insights', ['updated_by']),
  trace('engagements', 'coaching', ['created_by']),
  trace('engagement_step_changes', 'coaching', ['changed_by', 'reason']),
  trace('coaching_attachments', 'coaching', ['uploaded_by', 'content']),
  trace('plan_actions', 'coaching', ['owner_name']),
  trace('plan_followups', 'coaching', ['done_by', 'company_feedback', 'coach_comment']),
  trace('courses', 'training', [
    'approved_by',
    'created_by',
    'contact_name',
    'contact_email',
    'contact_phone',
  ]),
  trace('unmet_demand_publications', 'training', ['published_by']),
  trace('esf_programme_rules', 'esf', ['updated_by'], 'esf_retention'),
  trace('esf_claim_periods', 'esf', ['closed_by', 'created_by'], 'esf_retention'),
  trace('esf_deminimis_declarations', 'esf', ['recorded_by'], 'esf_retention'),
  trace('esf_progress_reports', 'esf', ['created_by', 'updated_by'], 'esf_retention'),
  trace('esf_scb_months', 'esf', ['produced_by', 'sent_by'], 'esf_retention'),
  trace('dl_courses', 'elearning', ['created_by']),
  trace('dl_course_versions', 'elearning', ['published_by', 'created_by']),
  trace('dl_media', 'elearning', ['created_by']),
  trace('xapi_clients', 'xapi', ['created_by']),
  trace('lti_tools', 'lti', ['created_by']),
  trace('lti_links', 'lti', ['created_by']),
  trace('rate_limits', 'platform', ['bucket'], 'pseudonymous'),
  trace('accessibility_report_attempts', 'notices', ['client_hash'], 'pseudonymous'),
  trace('retention_decisions', 'privacy', ['recorded_by']),
  trace('disposal_proposals', 'privacy', ['decided_by', 'reason']),
  trace('disposal_archives', 'privacy', ['created_by', 'sealed']),
  trace('data_subject_requests', 'privacy', ['subject_user_id', 'handled_by', 'reason'], 'audit_log'),
];

/** The inventory, one entry per table. */
export const inventory: InventoryEntry[] = [...notPersonal, ...traces, ...subjectTables];

export function inventoryEntry(table: string): InventoryEntry | undefined {
  return inventory.find((e) => e.table === table);
}

/** The tables searched, exported and erased for a person, in erasure order (children before parents). */
export const subjects: SubjectTable[] = subjectTables;
