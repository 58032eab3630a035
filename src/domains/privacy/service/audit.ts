// The audit log viewer: who may read which entries, the filters, a page of 50 and the CSV export.
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import { csvLine } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { isCalendarDate } from '../../../platform/http/forms.ts';
import * as repo from '../repo-audit.ts';

export const AUDIT_PAGE_SIZE = 50;
const CSV_LIMIT = 10_000;

const opt = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
    z.string().max(max, 'validation.tooLong').optional(),
  );
const optDate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z.string().refine(isCalendarDate, 'validation.date').optional(),
);

export const auditQuery = z
  .object({
    actor: opt(200),
    action: opt(100),
    entityType: opt(100),
    entityId: opt(200),
    from: optDate,
    to: optDate,
    page: z.preprocess(
      (v) => (v === undefined || v === '' ? undefined : v),
      z.coerce
        .number({ error: 'validation.number' })
        .int('validation.number')
        .min(1, 'validation.min')
        .max(100_000, 'validation.max')
        .optional(),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'privacy.audit.range' });
export type AuditQuery = z.infer<typeof auditQuery>;

/** Region administrators read their regions' entries; ESF administrators their regions' identity entries. */
export function auditScope(actor: Actor): repo.AuditScope {
  const regions = (...roles: Parameters<typeof membershipsWith>[1][]) => [
    ...new Set(membershipsWith(actor, ...roles).map((m) => m.regionId)),
  ];
  return { allRegions: regions('region_admin'), identityRegions: regions('esf_admin') };
}

function scopeOrForbid(actor: Actor): repo.AuditScope {
  const scope = auditScope(actor);
  if (scope.allRegions.length === 0 && scope.identityRegions.length === 0) throw new AppError('FORBIDDEN');
  return scope;
}

const filterOf = (q: AuditQuery): repo.AuditFilter => ({
  actor: q.actor ?? null,
  action: q.action ?? null,
  entityType: q.entityType ?? null,
  entityId: q.entityId ?? null,
  from: q.from ?? null,
  to: q.to ?? null,
});

export async function listAuditLog(db: Db, actor: Actor, q: AuditQuery) {
  const scope = scopeOrForbid(actor);
  const page = q.page ?? 1;
  const { rows, total } = await repo.listAudit(db, scope, filterOf(q), {
    limit: AUDIT_PAGE_SIZE,
    offset: (page - 1) * AUDIT_PAGE_SIZE,
  });
  return { rows, total, page, pageSize: AUDIT_PAGE_SIZE };
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** The filtered entries as CSV (up to 10 000, newest first); the export itself is audited. */
export async function auditCsv(
  db: Db,
  ctx: { actor: Actor; ip: string | null },
  q: AuditQuery,
  header: string[],
): Promise<string> {
  const scope = scopeOrForbid(ctx.actor);
  const { rows } = await repo.listAudit(db, scope, filterOf(q), { limit: CSV_LIMIT, offset: 0 });
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'privacy.audit.export',
    entityType: 'audit_log',
    ip: ctx.ip,
    details: { rows: rows.length },
  });
  return (
    csvLine(header) +
    rows
      .map((r) =>
        csvLine([
          stockholm.format(r.at),
          r.actorName,
          r.actorEmail,
          r.action,
          r.entityType,
          r.entityId,
          r.ip,
          JSON.stringify(r.details),
        ]),
      )
      .join('')
  );
}
