// The SCB participant file of a produced month version: its canonical CSV (the checksum's input), and the
// downloads — CSV with `;` and a UTF-8 BOM for Swedish Excel, and XLSX — rebuilt from the version's row
// snapshot and the sealed identities, refused when the rebuilt file does not match the stored checksum.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { audit } from '../../../platform/audit.ts';
import { csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-scb.ts';
import type { ScbColumn } from '../schema.ts';
import { identitiesForDocument } from './identity.ts';
import { currentProgramme, type WriteCtx } from './programme.ts';

/** The file's column headings: fixed Swedish names (the file goes to SCB whatever the user's language). */
export const SCB_HEADINGS: Record<ScbColumn, string> = {
  personnummer: 'Personnummer',
  firstName: 'Förnamn',
  lastName: 'Efternamn',
  startDate: 'Startdatum',
  endDate: 'Slutdatum',
  employerOrgNumber: 'Organisationsnummer',
  email: 'E-post',
  mobile: 'Mobilnummer',
};

/** What one file row holds (a snapshot row as produced). */
export interface FileRow {
  participantId: string;
  firstName: string;
  lastName: string;
  startedOn: string | null;
  endedOn: string | null;
  employerOrgNumber: string;
  email: string | null;
  mobile: string | null;
}

/** 12 characters without separator (`199005159876`), as SCB reads it. */
export const scbNumber = (value: string | undefined): string => (value ?? '').replace(/[-+\s]/g, '');

function cell(column: ScbColumn, row: FileRow, numbers: Map<string, string>): string {
  switch (column) {
    case 'personnummer':
      return scbNumber(numbers.get(row.participantId));
    case 'firstName':
      return row.firstName;
    case 'lastName':
      return row.lastName;
    case 'startDate':
      return row.startedOn ?? '';
    case 'endDate':
      return row.endedOn ?? '';
    case 'employerOrgNumber':
      return row.employerOrgNumber;
    case 'email':
      return row.email ?? '';
    case 'mobile':
      return row.mobile ?? '';
  }
}

/** The file as a grid: the heading row, then one row per participant in snapshot order. */
export function fileGrid(
  columns: readonly string[],
  rows: FileRow[],
  numbers: Map<string, string>,
): string[][] {
  const cols = columns as ScbColumn[];
  return [cols.map((c) => SCB_HEADINGS[c] ?? c), ...rows.map((r) => cols.map((c) => cell(c, r, numbers)))];
}

/** The canonical CSV (no BOM): `;`-separated, CRLF, formula-like cells neutralised. */
export const canonicalCsv = (grid: string[][]): string => grid.map((r) => csvLine(r)).join('');

export const checksumOf = (csv: string): string => createHash('sha256').update(csv, 'utf8').digest('hex');

export interface ScbFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const BOM = '\ufeff';

async function xlsxOf(month: string, grid: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`SCB ${month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  grid.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    // Every cell is text: numbers keep their leading zeros and are never turned into formulas or dates.
    row.eachCell((c) => {
      c.numFmt = '@';
    });
    if (i === 0) row.font = { bold: true };
  });
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(14, (grid[0]?.[i]?.length ?? 10) + 4);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A produced version as a file (ESF administrators). The full numbers are read through
 * `identitiesForDocument` (audited); the rebuilt CSV must match the version's checksum, or the download is
 * refused (CONFLICT `esf.scb.checksumMismatch`) — never a silently different file.
 */
export async function scbFile(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  month: string,
  version: number,
  format: 'csv' | 'xlsx',
): Promise<ScbFile> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const v = (await repo.versionsOfMonth(db, p.id, month)).find((x) => x.version === version);
  if (!v) throw new AppError('NOT_FOUND');
  const rows = await repo.snapshotRows(db, v.id);
  const numbers = await identitiesForDocument(
    db,
    keyring,
    { actorUserId: ctx.actor.userId, ip: ctx.ip },
    { kind: 'scb_file', reference: v.id },
    rows.map((r) => r.participantId),
  );
  const grid = fileGrid(v.columns, rows, numbers);
  const csv = canonicalCsv(grid);
  const ok = checksumOf(csv) === v.checksum;
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: ok ? 'esf.scb.download' : 'esf.scb.errors.checksumMismatch',
    entityType: 'esf_scb_month',
    entityId: v.id,
    ip: ctx.ip,
    details: { month, version, format, rows: rows.length },
  });
  if (!ok) throw new AppError('CONFLICT', 'esf.scb.errors.checksumMismatch');
  const fileName = `scb-${month}-v${version}.${format}`;
  if (format === 'csv')
    return {
      fileName,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(BOM + csv, 'utf8'),
    };
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxOf(month, grid),
  };
}
