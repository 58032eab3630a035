// Exports. Region admins get company-level microdata (one row per mapping with the role × competence
// matrix as columns, or one row per need); everybody else gets the disclosure-controlled aggregate
// table of their selection instead: company-level data never leaves the region admin.

import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import { csvLine, neutralise } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { xlsxBuffer } from '../../../platform/xlsx.ts';
import { OTHER_COMPETENCE } from '../dims.ts';
import { insightsT } from '../messages.ts';
import * as repo from '../repo.ts';
import { needsRollup, type RollupView } from '../service.ts';
import { audienceOf, type RollupQuery, resolveRound } from './rollup.ts';

export type Value = string | number | null;
export interface Column {
  key: string;
  description: string;
}
export interface Sheet {
  name: string;
  columns: Column[];
  rows: Value[][];
}
export interface ExportData {
  /** 'microdata' for region admins, 'aggregate' (suppressed) for everybody else. */
  kind: 'microdata' | 'aggregate';
  sheets: Sheet[];
}

const needColumns: [keyof repo.NeedExportRow, string][] = [
  ['mappingId', 'Mapping id (uuid)'],
  ['companyId', 'Company id (uuid)'],
  ['companyName', 'Company name'],
  ['municipalityCode', 'Municipality code (SCB, 4 digits) the results are counted under'],
  ['sniCode', 'SNI 2007 code of the company at submission'],
  ['ssykCode', 'SSYK 2012 code of the role with the need'],
  ['competenceId', 'JobTech competence concept id (empty for free text)'],
  ['competenceText', 'Competence as free text (when not coded)'],
  ['gapSize', 'Gap size in levels (>= 1)'],
  ['women', 'Women affected'],
  ['men', 'Men affected'],
  ['urgency', 'now | within6Months | within6To12Months | within1To3Years'],
  ['cause', 'Cause of the need (code)'],
  ['strategy', 'trainInternally | externalTraining | recruit | validate | redeploy | retain'],
  ['difficulty', 'Recruitment difficulty 1-4'],
  ['hours', 'Estimated hours'],
  ['costSek', 'Estimated cost, SEK'],
  ['priority', 'Priority 1-3'],
];

const wideBase: [keyof repo.WideMapping, string][] = [
  ['mappingId', 'Mapping id (uuid)'],
  ['companyId', 'Company id (uuid)'],
  ['companyName', 'Company name'],
  ['municipalityCode', 'Municipality code (SCB, 4 digits)'],
  ['sniCode', 'SNI 2007 code'],
  ['maturityScore', 'Maturity score, mean of the self-assessment 1-4'],
  ['submittedAt', 'Date of submission (YYYY-MM-DD)'],
  ['needs', 'Number of needs (gaps)'],
  ['people', 'People affected by the needs (women + men, summed over needs)'],
];

const parts = [
  ['now', 'levelNow', 'highest level required now over the roles'],
  ['future', 'levelFuture', 'highest level required in 12-36 months over the roles'],
  ['meeting', 'meetingNow', 'people who reach the level required now, summed over the roles'],
] as const;

async function microdata(
  db: Db,
  regionId: string,
  roundId: string | null,
  kind: 'wide' | 'needs',
): Promise<Sheet[]> {
  if (!roundId) return [{ name: kind, columns: [], rows: [] }];
  if (kind === 'needs') {
    const rows = await repo.needRows(db, regionId, roundId);
    return [
      {
        name: 'needs',
        columns: needColumns.map(([key, description]) => ({ key, description })),
        rows: rows.map((r) => needColumns.map(([key]) => r[key])),
      },
    ];
  }
  const mappings = await repo.wideMappings(db, regionId, roundId);
  const reqs = await repo.wideRequirements(db, regionId, roundId);
  const competences = [...new Set(reqs.map((r) => r.competence))].sort();
  const names = await repo.labelsFor(db, 'competence', competences);
  const byMapping = new Map<string, Map<string, repo.WideRequirement>>();
  for (const r of reqs) {
    const m = byMapping.get(r.mappingId) ?? new Map();
    m.set(r.competence, r);
    byMapping.set(r.mappingId, m);
  }
  const compColumns = competences.flatMap((c) =>
    parts.map(([suffix, , what]) => ({
      key: `comp_${c}_${suffix}`,
      description: `${c === OTHER_COMPETENCE ? 'Free-text competences' : `${names.get(c) ?? c} (${c})`}: ${what}`,
    })),
  );
  return [
    {
      name: 'mappings',
      columns: [...wideBase.map(([key, description]) => ({ key, description })), ...compColumns],
      rows: mappings.map((m) => [
        ...wideBase.map(([key]) => m[key]),
        ...competences.flatMap((c) => {
          const r = byMapping.get(m.mappingId)?.get(c);
          return parts.map(([, field]) => (r ? r[field] : null));
        }),
      ]),
    },
  ];
}

/** The suppressed roll-up as a sheet: a matrix (wide) or one row per cell (long). */
function aggregateSheets(view: RollupView, kind: 'wide' | 'needs', locale: Locale): Sheet[] {
  const t = insightsT(locale);
  if (kind === 'wide') {
    return [
      {
        name: 'table',
        columns: [
          { key: view.query.rows, description: t(`insights.dim.${view.query.rows}`) },
          ...view.cols.map((c) => ({
            key: c.label,
            description: `${t('insights.measure.people')}: ${c.label}`,
          })),
        ],
        rows: view.rows.map((r, i) => [
          r.label,
          ...view.cols.map((_, j) => view.cells[i]?.[j]?.value ?? null),
        ]),
      },
    ];
  }
  const rows: Value[][] = [];
  view.rows.forEach((r, i) => {
    view.cols.forEach((c, j) => {
      const cell = view.cells[i]?.[j];
      if (!cell) return;
      rows.push([
        r.ref.level,
        r.code.replace(/^own\|/, ''),
        r.label,
        c.ref.level,
        c.code,
        c.label,
        cell.value,
        cell.flag,
      ]);
    });
  });
  return [
    {
      name: 'cells',
      columns: [
        { key: 'rowLevel', description: 'leaf | group | total' },
        { key: 'rowCode', description: `Code of ${view.query.rows}` },
        { key: 'rowLabel', description: 'Row label' },
        { key: 'colLevel', description: 'leaf | group | total' },
        { key: 'colCode', description: `Code of ${view.query.cols}` },
        { key: 'colLabel', description: 'Column label' },
        { key: 'value', description: `${view.query.measure}; empty where suppressed` },
        { key: 'flag', description: 'shown | zero | suppressed | wouldSuppress (region admin only)' },
      ],
      rows,
    },
  ];
}

export async function exportData(
  db: Db,
  actor: Actor,
  opts: { kind: 'wide' | 'needs'; query: RollupQuery; locale: Locale; ip: string },
): Promise<ExportData> {
  const audience = audienceOf(actor, opts.query.filters.municipality);
  if (audience.kind === 'admin') {
    const roundId = await resolveRound(db, audience.regionId, { round: opts.query.round });
    await audit(db, {
      actorUserId: actor.userId,
      action: `insights.export.${opts.kind}`,
      entityType: 'mapping_round',
      entityId: roundId,
      organisationId: audience.regionId,
      ip: opts.ip,
    });
    return { kind: 'microdata', sheets: await microdata(db, audience.regionId, roundId, opts.kind) };
  }
  const view = await needsRollup(db, audience, opts.query, opts.locale);
  return { kind: 'aggregate', sheets: aggregateSheets(view, opts.kind, opts.locale) };
}

// ---------------------------------------------------------------- files

/** UTF-8 with BOM, semicolon-separated, CRLF: opens in Swedish Excel. */
export function toCsv(sheet: Sheet): string {
  return `\ufeff${[sheet.columns.map((c) => c.key), ...sheet.rows].map(csvLine).join('')}`;
}

export function codebookSheet(sheets: Sheet[]): Sheet {
  return {
    name: 'codebook',
    columns: [
      { key: 'sheet', description: 'Sheet / file' },
      { key: 'column', description: 'Column' },
      { key: 'description', description: 'Meaning' },
    ],
    rows: sheets.flatMap((s) => s.columns.map((c) => [s.name, c.key, c.description])),
  };
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  return xlsxBuffer(
    [...sheets, codebookSheet(sheets)].map((sheet) => ({
      name: sheet.name,
      header: sheet.columns.map((c) => c.key),
      rows: sheet.rows.map((row) => row.map((v) => (typeof v === 'string' ? neutralise(v) : v))),
    })),
  );
}
