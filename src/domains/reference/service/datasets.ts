import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { TableSpec } from '../repo-load.ts';

/** One value per column of the table, in the spec's column order; '' stands for NULL in nullable columns. */
export type Row = (string | number)[];

/**
 * A data set is one table, filled from one or more files of reference-data/. Bump `version` when the mapping
 * from files to rows changes, so that an unchanged file is loaded again.
 */
export interface Dataset extends TableSpec {
  name: string;
  version: number;
  files: readonly string[];
  rows: (read: (file: string) => string) => Row[];
}

const digits = (min: number, max: number) => z.string().regex(new RegExp(`^\\d{${min},${max}}$`));
const text = z.string().trim().min(1);
const optional = (schema: z.ZodString) => z.union([z.literal(''), schema]);
const level = (max: number) => z.coerce.number().int().min(1).max(max);

/** Parse a CSV file with a header row and check every row; an error names the file and line. */
function csv<S extends z.ZodType>(read: (file: string) => string, file: string, schema: S): z.infer<S>[] {
  const records: unknown[] = parse(read(file), { columns: true, skip_empty_lines: true, bom: true });
  return records.map((record, i) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success)
      throw new Error(`reference-data/${file} line ${i + 2}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

const col = (name: string, type: 'text' | 'smallint' | 'integer' = 'text', nullable = false) => ({
  name,
  type,
  nullable,
});

const SNI = {
  sections: 'sni2007/sni2007_sections.csv',
  divisions: 'sni2007/sni2007_divisions.csv',
  groupsClasses: 'sni2007/sni2007_groups_classes.csv',
  details: 'sni2007/sni2007_detaljgrupper.csv',
};
const section = z.string().regex(/^[A-U]$/);

function sniRows(read: (file: string) => string): Row[] {
  const sections = csv(read, SNI.sections, z.object({ code: section, name_sv_jobtech: text }));
  const divisions = csv(
    read,
    SNI.divisions,
    z.object({ code: digits(2, 2), section, name_sv_jobtech: text }),
  );
  const groupsClasses = csv(
    read,
    SNI.groupsClasses,
    z.object({ code: digits(3, 4), level: z.enum(['3', '4']), section, parent_code: digits(2, 3) }),
  );
  const details = csv(
    read,
    SNI.details,
    z.object({ code: digits(5, 5), name_sv: text, section, class: digits(4, 4) }),
  );
  return [
    ...sections.map((r): Row => [r.code, 1, r.name_sv_jobtech, '', r.code]),
    ...divisions.map((r): Row => [r.code, 2, r.name_sv_jobtech, r.section, r.section]),
    ...groupsClasses.map((r): Row => [r.code, Number(r.level), '', r.parent_code, r.section]),
    ...details.map((r): Row => [r.code, 5, r.name_sv, r.class, r.section]),
  ];
}

const hierarchy = z.object({
  code: digits(1, 4),
  level: level(4),
  name_sv: text,
  parent_code: optional(digits(1, 3)),
});
const sunCode = z.string().regex(/^\d{1,3}[a-z]?$/);
const sunHierarchy = z.object({
  code: sunCode,
  level: level(4),
  name_sv: text,
  parent_code: optional(sunCode),
});

/** In load order: a table comes after the tables its foreign keys point at. */
export const datasets: readonly Dataset[] = [
  {
    name: 'ref_counties',
    table: 'ref_counties',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('name')],
    files: ['regions/lan.csv'],
    rows: (read) =>
      csv(read, 'regions/lan.csv', z.object({ lanskod: digits(2, 2), lan: text })).map((r) => [
        r.lanskod,
        r.lan,
      ]),
  },
  {
    name: 'ref_municipalities',
    table: 'ref_municipalities',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('name'), col('county_code')],
    files: ['regions/kommuner.csv'],
    rows: (read) =>
      csv(
        read,
        'regions/kommuner.csv',
        z.object({ kommunkod: digits(4, 4), kommun: text, lanskod: digits(2, 2) }),
      ).map((r) => [r.kommunkod, r.kommun, r.lanskod]),
  },
  {
    name: 'ref_sni',
    table: 'ref_sni',
    version: 1,
    key: ['code'],
    columns: [
      col('code'),
      col('level', 'smallint'),
      col('name_sv', 'text', true),
      col('parent_code', 'text', true),
      col('section'),
    ],
    files: [SNI.sections, SNI.divisions, SNI.groupsClasses, SNI.details],
    rows: sniRows,
  },
  {
    name: 'ref_ssyk',
    table: 'ref_ssyk',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('level', 'smallint'), col('name_sv'), col('parent_code', 'text', true)],
    files: ['ssyk2012/ssyk2012_scb.csv'],
    rows: (read) =>
      csv(read, 'ssyk2012/ssyk2012_scb.csv', hierarchy).map((r) => [
        r.code,
        r.level,
        r.name_sv,
        r.parent_code,
      ]),
  },
  {
    name: 'ref_ssyk_jobtech',
    table: 'ref_ssyk_jobtech',
    version: 1,
    key: ['code'],
    columns: [
      col('code'),
      col('level', 'smallint'),
      col('name_sv'),
      col('parent_code', 'text', true),
      col('concept_id'),
      col('definition_sv', 'text', true),
    ],
    files: ['ssyk2012/ssyk2012_jobtech.csv'],
    rows: (read) =>
      csv(
        read,
        'ssyk2012/ssyk2012_jobtech.csv',
        hierarchy.extend({ jobtech_concept_id: text, definition_sv: z.string().trim() }),
      ).map((r) => [r.code, r.level, r.name_sv, r.parent_code, r.jobtech_concept_id, r.definition_sv]),
  },
  {
    name: 'ref_isco',
    table: 'ref_isco',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('level', 'smallint'), col('name_en'), col('esco_uri', 'text', true)],
    files: ['esco/isco08_groups_en.csv'],
    rows: (read) =>
      csv(
        read,
        'esco/isco08_groups_en.csv',
        z.object({ isco_code: digits(1, 4), level: level(4), name_en: text, esco_uri: z.string().trim() }),
      ).map((r) => [r.isco_code, r.level, r.name_en, r.esco_uri]),
  },
  {
    name: 'ref_ssyk_isco',
    table: 'ref_ssyk_isco',
    version: 1,
    key: ['ssyk_code', 'isco_code'],
    columns: [col('ssyk_code'), col('isco_code')],
    files: ['ssyk2012/ssyk2012_isco08_key_scb.csv'],
    rows: (read) =>
      csv(
        read,
        'ssyk2012/ssyk2012_isco08_key_scb.csv',
        z.object({ ssyk2012_code: digits(4, 4), isco08_code: digits(4, 4) }),
      ).map((r) => [r.ssyk2012_code, r.isco08_code]),
  },
  {
    name: 'ref_occupation_names',
    table: 'ref_occupation_names',
    version: 1,
    key: ['concept_id'],
    columns: [col('concept_id'), col('name_sv'), col('ssyk_code')],
    files: ['jobtech-taxonomy/occupation_names.csv'],
    rows: (read) =>
      csv(
        read,
        'jobtech-taxonomy/occupation_names.csv',
        z.object({ concept_id: text, name_sv: text, ssyk2012_code: digits(4, 4) }),
      ).map((r) => [r.concept_id, r.name_sv, r.ssyk2012_code]),
  },
  {
    name: 'ref_occupation_titles_scb',
    table: 'ref_occupation_titles_scb',
    version: 1,
    key: ['id'],
    columns: [col('id', 'integer'), col('ssyk_code'), col('isco_codes'), col('title_sv')],
    files: ['ssyk2012/ssyk2012_occupation_titles_scb.csv'],
    rows: (read) =>
      csv(
        read,
        'ssyk2012/ssyk2012_occupation_titles_scb.csv',
        z.object({
          ssyk2012_code: digits(4, 4),
          isco08_codes: z.string().regex(/^\d{4}( \d{4})*$/),
          title_sv: text,
        }),
      ).map((r, i) => [i + 1, r.ssyk2012_code, r.isco08_codes, r.title_sv]),
  },
  {
    name: 'ref_competences',
    table: 'ref_competences',
    version: 1,
    key: ['concept_id'],
    columns: [col('concept_id'), col('name_sv')],
    files: ['jobtech-taxonomy/skills.csv'],
    rows: (read) =>
      csv(read, 'jobtech-taxonomy/skills.csv', z.object({ concept_id: text, name_sv: text })).map((r) => [
        r.concept_id,
        r.name_sv,
      ]),
  },
  {
    name: 'ref_ssyk_competences',
    table: 'ref_ssyk_competences',
    version: 1,
    key: ['ssyk_code', 'competence_id'],
    columns: [col('ssyk_code'), col('competence_id')],
    files: ['jobtech-taxonomy/ssyk4_skill_relations.csv'],
    rows: (read) =>
      csv(
        read,
        'jobtech-taxonomy/ssyk4_skill_relations.csv',
        z.object({ ssyk2012_code: digits(4, 4), skill_concept_id: text }),
      ).map((r) => [r.ssyk2012_code, r.skill_concept_id]),
  },
  {
    name: 'ref_sun_levels',
    table: 'ref_sun_levels',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('level', 'smallint'), col('name_sv'), col('parent_code', 'text', true)],
    files: ['sun2020/sun2020_levels.csv'],
    rows: (read) =>
      csv(read, 'sun2020/sun2020_levels.csv', sunHierarchy).map((r) => [
        r.code,
        r.level,
        r.name_sv,
        r.parent_code,
      ]),
  },
  {
    name: 'ref_sun_fields',
    table: 'ref_sun_fields',
    version: 1,
    key: ['code'],
    columns: [col('code'), col('level', 'smallint'), col('name_sv'), col('parent_code', 'text', true)],
    files: ['sun2020/sun2020_fields.csv'],
    rows: (read) =>
      csv(read, 'sun2020/sun2020_fields.csv', sunHierarchy).map((r) => [
        r.code,
        r.level,
        r.name_sv,
        r.parent_code,
      ]),
  },
  {
    name: 'ref_esco_occupations',
    table: 'ref_esco_occupations',
    version: 1,
    key: ['uri'],
    columns: [col('uri'), col('code'), col('isco_code'), col('name_en')],
    files: ['esco/esco_occupations_isco_en.csv'],
    rows: (read) =>
      csv(
        read,
        'esco/esco_occupations_isco_en.csv',
        z.object({ esco_uri: text, esco_code: text, isco_code: digits(4, 4), name_en: text }),
      ).map((r) => [r.esco_uri, r.esco_code, r.isco_code, r.name_en]),
  },
  {
    name: 'ref_esco_skill_groups',
    table: 'ref_esco_skill_groups',
    version: 1,
    key: ['uri'],
    columns: [col('uri'), col('code', 'text', true), col('name_en')],
    files: ['esco/esco_skill_groups_en.csv'],
    rows: (read) =>
      csv(
        read,
        'esco/esco_skill_groups_en.csv',
        z.object({ esco_uri: text, code: z.string().trim(), name_en: text }),
      ).map((r) => [r.esco_uri, r.code, r.name_en]),
  },
];
