// Accessibility reports: the public form's use case (rate limit, honeypot, routing to a region, mail to its
// administrators) and the administrators' list and update.
import { createHash, randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http/registry.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import { canReadAccessibilityReports, reportRegionsOf } from './policy.ts';
import * as repo from './repo.ts';
import type { ReportInput, ReportStatus, UpdateInput } from './schema.ts';

/** Submissions per client address within the window (the form and the API share the budget). */
export const REPORT_LIMIT = 5;
export const REPORT_WINDOW_MINUTES = 10;

export interface Submitter {
  actor: Actor | null;
  ip: string;
  locale: Locale;
}

export const reportTargets = repo.reportTargets;

/**
 * Store a report and tell the region's administrators. A filled honeypot is answered like a success but
 * nothing is stored. Throws VALIDATION when no region can be found and RATE_LIMITED past the limit.
 */
export async function submitReport(
  deps: Pick<AppDeps, 'db' | 'mailer' | 'baseUrl'>,
  input: ReportInput,
  by: Submitter,
): Promise<{ stored: boolean }> {
  const { db } = deps;
  const regionId = await regionFor(db, input.organisationId, by.actor);
  const clientHash = createHash('sha256').update(`accessibility-report:${by.ip}`).digest('hex');
  if ((await repo.recordAttempt(db, clientHash, REPORT_WINDOW_MINUTES)) > REPORT_LIMIT)
    throw new AppError('RATE_LIMITED', 'report.rateLimited');
  if (input.website) return { stored: false };
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertReport(tx, {
      id,
      regionId,
      organisationId: input.organisationId,
      page: input.page,
      description: input.description,
      wantsAlternative: input.wantsAlternative,
      reporterName: input.name,
      reporterEmail: input.email,
      reporterUserId: by.actor?.userId ?? null,
      locale: by.locale,
    });
    await audit(tx, {
      actorUserId: by.actor?.userId ?? null,
      action: 'accessibility_report.create',
      entityType: 'accessibility_report',
      entityId: id,
      organisationId: regionId,
      ip: by.ip,
    });
  });
  for (const admin of await repo.regionAdminRecipients(db, regionId)) {
    const t = translator(messages, admin.locale);
    await deps.mailer.send(db, {
      to: admin.email,
      regionId,
      subject: t('mail.report.subject'),
      text: t('mail.report.body', {
        page: input.page,
        alternative: t(input.wantsAlternative ? 'reports.yes' : 'reports.no'),
        description: input.description,
        link: `${deps.baseUrl}/admin/accessibility-reports`,
      }),
    });
  }
  return { stored: true };
}

async function regionFor(db: Db, organisationId: string | null, actor: Actor | null): Promise<string> {
  const targets = await repo.reportTargets(db);
  if (organisationId) {
    const target = targets.find((o) => o.id === organisationId);
    if (!target)
      throw new AppError('VALIDATION', 'error.422.body', [
        { field: 'organisationId', message: 'validation.choice' },
      ]);
    return target.regionId;
  }
  const own = actor?.memberships[0]?.regionId;
  if (own) return own;
  const regions = [...new Set(targets.map((o) => o.regionId))];
  if (regions.length === 1) return regions[0];
  throw new AppError('VALIDATION', 'error.422.body', [
    { field: 'organisationId', message: 'validation.required' },
  ]);
}

export async function listReports(
  db: Db,
  actor: Actor,
  status: ReportStatus | null,
): Promise<repo.ReportRow[]> {
  if (!canReadAccessibilityReports(actor)) throw new AppError('FORBIDDEN');
  return repo.listReports(db, reportRegionsOf(actor), status);
}

/** Set status and note; an id outside the actor's regions answers 404 like an unknown one. */
export async function updateReport(
  db: Db,
  actor: Actor,
  ip: string,
  id: string,
  input: UpdateInput,
): Promise<repo.ReportRow> {
  if (!canReadAccessibilityReports(actor)) throw new AppError('FORBIDDEN');
  return db.tx(async (tx) => {
    const report = await repo.updateReport(tx, reportRegionsOf(actor), id, input.status, input.note);
    if (!report) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'accessibility_report.update',
      entityType: 'accessibility_report',
      entityId: id,
      organisationId: report.regionId,
      ip,
      details: { status: input.status },
    });
    return report;
  });
}
