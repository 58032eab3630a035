// Shared by the time certificate routes: who may use them, the translator and the row → view model map
// (the masked number only; the full one never reaches a page or the API).
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import { type Ctx, policy } from '../../../platform/http/registry.ts';
import { type T, translator } from '../../../platform/i18n/index.ts';
import { type EsfKey, messages } from '../messages.ts';
import { canSeeEsf, isEsfAdmin } from '../policy.ts';
import type { CertificateRow, SignatureRow } from '../service/certificates.ts';
import type { CertificateVM } from '../views/certificates-shared.tsx';

export type AnyCtx = Ctx<unknown, unknown, unknown>;
export const tOf = (ctx: { locale: AnyCtx['locale'] }): T<EsfKey> => translator(messages, ctx.locale);

/** The month's list and detail pages: ESF and region administrators. */
export const viewAccess = policy('canSeeEsf', canSeeEsf);
/** Generating, correcting, links, paper signatures and the PDF with full numbers. */
export const adminAccess = policy('isEsfAdmin', isEsfAdmin);
/** One certificate: administrators, or a company contact for their own employees (checked per record). */
export const detailAccess = policy(
  'canSeeEsfOrCompanyContact',
  (a) => canSeeEsf(a) || hasRole(a, 'company_contact'),
);
/** The countersignature of managers and HR. */
export const contactAccess = policy('isCompanyContact', (a) => hasRole(a, 'company_contact'));

export function toVM(c: CertificateRow): CertificateVM {
  return {
    id: c.id,
    participantName: `${c.firstName} ${c.lastName}`,
    masked: c.masked,
    month: c.month,
    version: c.version,
    status: c.status,
    totalHours: c.totalHours,
    employerName: c.employerName,
    employerOrgNumber: c.employerOrgNumber,
    reason: c.reason,
    lines: c.lines,
  };
}

const lineOut = z.object({
  date: z.string(),
  activity: z.enum(['training', 'coaching', 'elearning']),
  label: z.string(),
  minutes: z.number().int(),
  hours: z.number().int(),
});

export const certificateOut = z.object({
  id: z.string().uuid(),
  participantId: z.string().uuid(),
  participantName: z.string(),
  masked: z.string().nullable(),
  month: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'participant_confirmed', 'signed', 'superseded']),
  totalHours: z.number().int(),
  employerName: z.string(),
  employerOrgNumber: z.string(),
  reason: z.string().nullable(),
  lines: z.array(lineOut),
});

export const signatureOut = z.object({
  role: z.enum(['participant', 'manager']),
  method: z.enum(['session', 'link', 'batch', 'paper']),
  signerName: z.string(),
  batchId: z.string().uuid().nullable(),
  signedAt: z.string(),
});

export function certificateJson(c: CertificateRow): z.infer<typeof certificateOut> {
  return { ...toVM(c), participantId: c.participantId };
}

export function signatureJson(s: SignatureRow): z.infer<typeof signatureOut> {
  return {
    role: s.role,
    method: s.method,
    signerName: s.signerName,
    batchId: s.batchId,
    signedAt: new Date(s.signedAt).toISOString(),
  };
}
