// Export of the company list (same filters and scope as the list page) as CSV for Swedish Excel or
// XLSX, streamed in chunks of EXPORT_CHUNK companies; and the import template and error download.
import { PassThrough, Readable } from 'node:stream';

import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import { type CsvCell, csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatDate, type Locale, type T, translator } from '../../../platform/i18n/index.ts';
import { maskOrgNumber } from '../../../platform/identifiers.ts';
import { messages as companyMessages } from '../messages.ts';
import { isEmptyScope, readScope } from '../policy.ts';
import * as repo from '../repo.ts';
import * as importRepo from '../repo-import.ts';
import type { CompanyListQuery } from '../schema.ts';
import type { WriteContext } from '../service.ts';
import { type ColumnKey, columnKeys } from './columns.ts';
import type { TransferKey } from './messages.ts';
import { columnLabel, rowErrorText, transferT } from './present.ts';
import type { StoredRow } from './schema.ts';

export const EXPORT_CHUNK = 1000;
export type ExportFormat = 'csv' | 'xlsx';

const extraColumns = ['sizeClass', 'isSme', 'municipalities', 'updatedAt'] as const;

type Cell = CsvCell;

const BOM = '\ufeff';

// ---------------------------------------------------------------- rows

interface ExportRow {
  facts: importRepo.CompanyFacts;
  workplaces: importRepo.WorkplaceFacts[];
  contact: importRepo.ContactFacts | undefined;
}

function cellsOf(row: ExportRow, locale: Locale, t: T<TransferKey>): Cell[] {
  const c = row.facts;
  const w = row.workplaces[0];
  const p = row.contact;
  const ct = translator(companyMessages, locale);
  const values: Record<ColumnKey | (typeof extraColumns)[number], Cell> = {
    orgNumber: maskOrgNumber(c.orgNumber, c.isSoleTrader),
    name: c.name,
    sniCode: c.sniCode,
    status: ct(`company.status.${c.status}` as 'company.status.active'),
    foundVia: ct(`company.foundVia.${c.foundVia}` as 'company.foundVia.other'),
    employeesWomen: c.employeesWomen,
    employeesMen: c.employeesMen,
    turnoverTsek: c.turnoverTsek,
    balanceTsek: c.balanceTsek,
    municipalityCode: w?.municipalityCode ?? null,
    workplaceName: w?.name ?? null,
    street: w?.street ?? null,
    postalCode: w?.postalCode ?? null,
    city: w?.city ?? null,
    cfar: w?.cfar ?? null,
    contactName: p?.name ?? null,
    contactRole: p?.roleTitle ?? null,
    contactEmail: p?.email ?? null,
    contactPhone: p?.phone ?? null,
    sizeClass: c.sizeClass,
    isSme: c.isSme ? t('transfer.yes') : t('transfer.no'),
    municipalities: [...new Set(row.workplaces.map((x) => x.municipalityName))].join(', '),
    updatedAt: formatDate(c.updatedAt),
  };
  return [...columnKeys, ...extraColumns].map((k) => values[k]);
}

function exportHeader(t: T<TransferKey>): string[] {
  return [...columnKeys.map((k) => columnLabel(t, k)), ...extraColumns.map((k) => t(`transfer.col.${k}`))];
}

/** The details of one chunk of list rows, in the list's order: three queries per chunk. */
async function details(db: Db, list: repo.CompanyListRow[]): Promise<ExportRow[]> {
  const ids = list.map((r) => r.id);
  const [facts, workplaces, contacts] = await Promise.all([
    importRepo.companyFacts(db, ids),
    importRepo.workplacesOf(db, ids),
    importRepo.contactsOf(db, ids),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  return list.flatMap((r) => {
    const f = byId.get(r.id);
    if (!f) return [];
    return [
      {
        facts: f,
        workplaces: workplaces.filter((w) => w.companyId === r.id),
        contact: contacts.find((c) => c.companyId === r.id),
      },
    ];
  });
}

export interface ExportStream {
  fileName: string;
  contentType: string;
  total: number;
  body: Readable;
}

/**
 * Start an export: check scope, count, audit (filters and row count, no personal data), then stream
 * the rows page by page. Sole traders' organisationsnummer are masked.
 */
export async function startExport(
  db: Db,
  ctx: WriteContext & { locale: Locale },
  query: CompanyListQuery,
  format: ExportFormat,
): Promise<ExportStream> {
  const scope = readScope(ctx.actor);
  if (isEmptyScope(scope)) throw new AppError('FORBIDDEN');
  const first = await repo.listCompanies(db, scope, { ...query, page: 1, pageSize: EXPORT_CHUNK });
  const { q, status, municipality, sni, size, sme, sort } = query;
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'company.export',
    entityType: 'company',
    organisationId: ctx.actor.memberships[0]?.organisationId ?? null,
    ip: ctx.ip,
    details: {
      format,
      rows: first.total,
      filters: { status, municipality, sni, size, sme, sort, search: Boolean(q) },
    },
  });
  async function* chunks(): AsyncGenerator<Cell[][]> {
    let page = first;
    const t = transferT(ctx.locale);
    for (let n = 1; page.rows.length > 0; n++) {
      yield (await details(db, page.rows)).map((row) => cellsOf(row, ctx.locale, t));
      if (page.rows.length < EXPORT_CHUNK) return;
      page = await repo.listCompanies(db, scope, { ...query, page: n + 1, pageSize: EXPORT_CHUNK });
    }
  }
  const t = transferT(ctx.locale);
  const header = exportHeader(t);
  const fileName = `${t('transfer.export.fileName')}-${formatDate(new Date())}.${format}`;
  const body =
    format === 'csv' ? csvStream(header, chunks()) : xlsxStream(header, chunks(), t('transfer.export.sheet'));
  const contentType =
    format === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return { fileName, contentType, total: first.total, body };
}

function csvStream(header: string[], chunks: AsyncGenerator<Cell[][]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield BOM + csvLine(header);
    for await (const chunk of chunks) yield chunk.map(csvLine).join('');
  }
  return Readable.from(lines());
}

function xlsxStream(header: string[], chunks: AsyncGenerator<Cell[][]>, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const write = async () => {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const chunk of chunks) for (const cells of chunk) sheet.addRow(cells).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error('export failed')));
  return out;
}

// ---------------------------------------------------------------- template and error download

/** The import template: the header row in the user's language (either language is accepted). */
export async function templateFile(locale: Locale, format: ExportFormat): Promise<Buffer> {
  const header = columnKeys.map((k) => columnLabel(transferT(locale), k));
  if (format === 'csv') return Buffer.from(BOM + csvLine(header), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(transferT(locale)('transfer.export.sheet'));
  sheet.addRow(header).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(12, header[i].length + 2);
    // Text format, so Excel keeps leading zeros of codes and numbers as typed.
    if (
      ['orgNumber', 'municipalityCode', 'postalCode', 'cfar', 'contactPhone', 'sniCode'].includes(
        columnKeys[i],
      )
    )
      col.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows with errors as CSV with the file's columns and one more with the reasons, to fix and upload again. */
export function errorRowsCsv(rows: StoredRow[], locale: Locale): string {
  const t = transferT(locale);
  const header = [
    ...columnKeys.map((k) => columnLabel(t, k)),
    t('transfer.preview.line'),
    t('transfer.col.errors'),
  ];
  const lines = rows
    .filter((r) => r.outcome === 'error')
    .map((r) =>
      csvLine([
        ...columnKeys.map((k) => r.values[k] ?? null),
        r.line,
        r.errors.map((e) => rowErrorText(t, locale, e)).join(' '),
      ]),
    );
  return BOM + csvLine(header) + lines.join('');
}
