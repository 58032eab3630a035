// Use cases of a company import: read and validate a file into a stored preview, show it, confirm it
// (all rows in one transaction, validated again) or cancel it. Previews live in company_imports, so
// any app process can serve the next step.
import { randomUUID } from 'node:crypto';
import { audit, auditMany } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type BulkCompany, insertCompaniesBulk } from '../bulk.ts';
import { canImportCompanies } from '../policy.ts';
import * as repo from '../repo.ts';
import * as importRepo from '../repo-import.ts';
import { toWrite, type WriteContext } from '../service.ts';
import { type Evaluated, evaluateRows, importMembership, type Plan } from './evaluate.ts';
import { type ParseError, parseCsvText, parseUpload, withoutControl } from './parse.ts';
import {
  type DuplicateMode,
  type ImportResult,
  type ImportSummary,
  type Outcome,
  outcomes,
  type StoredRow,
} from './schema.ts';

export type ImportRecord = importRepo.ImportRow<StoredRow, ImportSummary>;

export type Upload = { fileName: string; data: Buffer } | { fileName: string; text: string };

function counts(rows: StoredRow[]): Record<Outcome, number> {
  const out = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) out[r.outcome] += 1;
  return out;
}

const stored = (rows: Evaluated[]): StoredRow[] =>
  rows.map(({ line, values, outcome, errors }) => ({ line, values, outcome, errors }));

/** Read, validate and store a file as a pending import; nothing is written to the companies. */
export async function createImport(
  db: Db,
  ctx: WriteContext,
  upload: Upload,
  mode: DuplicateMode,
): Promise<{ ok: true; id: string } | { ok: false; error: ParseError }> {
  const membership = importMembership(ctx.actor);
  if (!canImportCompanies(ctx.actor) || !membership) throw new AppError('FORBIDDEN');
  const parsed = 'data' in upload ? await parseUpload(upload.data) : parseCsvText(upload.text);
  if (!parsed.ok) return parsed;
  const { sheet } = parsed;
  const rows = stored(await evaluateRows(db, ctx.actor, sheet.records, mode));
  const summary: ImportSummary = {
    counts: counts(rows),
    total: rows.length,
    format: sheet.format,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    ignoredHeaders: sheet.ignoredHeaders,
  };
  const id = randomUUID();
  const fileName = withoutControl(upload.fileName).slice(-255) || '–';
  await importRepo.deleteExpiredImports(db);
  await importRepo.insertImport(db, {
    id,
    userId: ctx.actor.userId,
    regionId: membership.regionId,
    fileName,
    duplicateMode: mode,
    rows,
    summary,
  });
  return { ok: true, id };
}

/** The actor's own unexpired import; anyone else's answers NOT_FOUND, exactly like an unknown id. */
export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportRecord> {
  const found = await importRepo.findImport<StoredRow, ImportSummary>(db, id, actor.userId);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

const records = (imp: ImportRecord) => imp.rows.map(({ line, values }) => ({ line, values }));

/** Validate a pending import's rows again against today's data and store the new outcome. */
export async function refreshImport(db: Db, actor: Actor, id: string): Promise<ImportRecord> {
  return db.tx(async (tx) => {
    const imp = await importRepo.findImport<StoredRow, ImportSummary>(tx, id, actor.userId, true);
    if (!imp) throw new AppError('NOT_FOUND');
    if (imp.status !== 'pending') return imp;
    const rows = stored(await evaluateRows(tx, actor, records(imp), imp.duplicateMode));
    const summary = { ...imp.summary, counts: counts(rows) };
    await importRepo.saveImport(tx, id, { status: 'pending', rows, summary });
    return { ...imp, rows, summary };
  });
}

/**
 * Write the good rows in one transaction after validating them again (the data may have changed
 * since the preview). Rows with errors are never written; if any write fails, nothing stays.
 * A second confirmation of the same import answers CONFLICT.
 */
export async function confirmImport(db: Db, ctx: WriteContext, id: string): Promise<ImportResult> {
  try {
    return await db.tx(async (tx) => {
      const imp = await importRepo.findImport<StoredRow, ImportSummary>(tx, id, ctx.actor.userId, true);
      if (!imp) throw new AppError('NOT_FOUND');
      if (imp.status !== 'pending') throw new AppError('CONFLICT', 'transfer.confirm.done');
      const rows = await evaluateRows(tx, ctx.actor, records(imp), imp.duplicateMode);
      const c = counts(rows);
      const result: ImportResult = {
        added: c.new,
        updated: c.update,
        unchanged: c.unchanged,
        skipped: c.skip,
        errors: c.error,
      };
      await writeRows(tx, ctx, id, rows);
      await audit(tx, {
        actorUserId: ctx.actor.userId,
        action: 'import.confirm',
        entityType: 'company_import',
        entityId: id,
        organisationId: imp.regionId,
        ip: ctx.ip,
        details: {
          ...result,
          duplicateMode: imp.duplicateMode,
          format: imp.summary.format,
          rows: rows.length,
        },
      });
      await importRepo.saveImport(tx, id, {
        status: 'done',
        rows: stored(rows),
        summary: { ...imp.summary, counts: c, result },
      });
      return result;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'transfer.confirm.conflict');
    throw err;
  }
}

export async function cancelImport(db: Db, ctx: WriteContext, id: string): Promise<void> {
  await db.tx(async (tx) => {
    const imp = await importRepo.findImport<StoredRow, ImportSummary>(tx, id, ctx.actor.userId, true);
    if (!imp) throw new AppError('NOT_FOUND');
    if (imp.status !== 'pending') throw new AppError('CONFLICT', 'transfer.confirm.done');
    // What the user uploaded is not needed once they cancel: keep only the counts.
    await importRepo.saveImport(tx, id, { status: 'cancelled', rows: [], summary: imp.summary });
  });
}

async function writeRows(tx: Db, ctx: WriteContext, importId: string, rows: Evaluated[]): Promise<void> {
  const now = new Date().toISOString();
  const inserts: { line: number; company: BulkCompany }[] = [];
  const cfar: { id: string; cfar: string }[] = [];
  for (const row of rows) {
    if (row.plan?.kind !== 'insert') continue;
    const company = toBulk(row.plan, now);
    inserts.push({ line: row.line, company });
    for (const [i, w] of row.plan.input.workplaces.entries())
      if (w.cfar) cfar.push({ id: company.workplaces[i].id, cfar: w.cfar });
  }
  await insertCompaniesBulk(
    tx,
    inserts.map((i) => i.company),
  );
  await importRepo.setWorkplaceCfar(tx, cfar);
  await auditMany(
    tx,
    inserts.map(({ line, company }) => ({
      actorUserId: ctx.actor.userId,
      action: 'company.import',
      entityType: 'company',
      entityId: company.id,
      organisationId: company.ownerOrgId,
      ip: ctx.ip,
      details: {
        importId,
        line,
        operation: 'create',
        workplaces: company.workplaces.length,
        contacts: company.contacts.length,
      },
    })),
  );
  for (const row of rows) {
    if (row.plan?.kind !== 'update') continue;
    const { input, existing, changed } = row.plan;
    const ok = await repo.updateCompany(tx, toWrite(input, existing), existing.version);
    if (!ok) throw new AppError('CONFLICT', 'transfer.confirm.conflict');
    await repo.replaceWorkplaces(tx, existing.id, withIds(input.workplaces));
    await repo.replaceContacts(tx, existing.id, withIds(input.contacts));
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'company.import',
      entityType: 'company',
      entityId: existing.id,
      organisationId: existing.ownerOrgId,
      ip: ctx.ip,
      details: { importId, line: row.line, operation: 'update', changed },
    });
  }
}

function withIds<T extends { id?: string }>(list: T[]): (T & { id: string })[] {
  return list.map((item) => ({ ...item, id: item.id ?? randomUUID() }));
}

function toBulk(plan: Extract<Plan, { kind: 'insert' }>, now: string): BulkCompany {
  const { input } = plan;
  return {
    id: randomUUID(),
    orgNumber: input.orgNumber.value,
    isSoleTrader: input.orgNumber.soleTrader,
    name: input.name,
    sniCode: input.sniCode,
    regionId: plan.regionId,
    ownerOrgId: plan.ownerOrgId,
    employeesWomen: input.employeesWomen,
    employeesMen: input.employeesMen,
    turnoverTsek: input.turnoverTsek,
    balanceTsek: input.balanceTsek,
    partOfGroup: input.partOfGroup,
    groupEmployees: input.groupEmployees,
    groupTurnoverTsek: input.groupTurnoverTsek,
    groupBalanceTsek: input.groupBalanceTsek,
    status: input.status,
    foundVia: input.foundVia,
    createdAt: now,
    updatedAt: now,
    workplaces: input.workplaces.map((w) => ({
      id: randomUUID(),
      name: w.name,
      street: w.street,
      postalCode: w.postalCode,
      city: w.city,
      municipalityCode: w.municipalityCode,
    })),
    contacts: input.contacts.map((c) => ({
      id: randomUUID(),
      name: c.name,
      roleTitle: c.roleTitle,
      email: c.email,
      phone: c.phone,
    })),
  };
}
