// The printable time certificate (tagged PDF) for wet-ink signing where the funder requires it: name,
// FULL personnummer (read through identitiesForDocument, audited), employer and organisationsnummer,
// month, whole hours per date and activity, total and signature lines. ESF administrators only.

import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatDateTime, type Locale, translator } from '../../../platform/i18n/index.ts';
import { renderPdf } from '../../../platform/pdf.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { messages } from '../messages.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-certificates.ts';
import { certificateInScope } from './certificates-scope.ts';
import { identitiesForDocument } from './identity.ts';
import type { WriteCtx } from './programme.ts';

export async function certificatePdf(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  id: string,
  locale: Locale,
): Promise<{ file: Buffer; fileName: string }> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const c = await certificateInScope(db, ctx.actor, id);
  const t = translator(messages, locale);
  const numbers = await identitiesForDocument(
    db,
    keyring,
    { actorUserId: ctx.actor.userId, ip: ctx.ip },
    { kind: 'certificate_pdf', reference: c.id },
    [c.participantId],
  );
  const signatures = await repo.signaturesOf(db, [c.id]);
  const name = `${c.firstName} ${c.lastName}`;
  const title = `${t('esf.certificates.pdf.title')} ${c.month}`;
  const sigLine = (role: 'participant' | 'manager') => {
    const s = signatures.find((x) => x.role === role);
    const label = t(
      role === 'participant' ? 'esf.certificates.pdf.participantSign' : 'esf.certificates.pdf.managerSign',
    );
    return s
      ? `${label}: ${s.signerName} (${t(`esf.certificates.method.${s.method}`)}, ${formatDateTime(s.signedAt)})`
      : `${label}: ______________________________   ${t('esf.certificates.pdf.date')}: ____________`;
  };
  const file = await renderPdf({
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    title,
    subject: name,
    blocks: [
      { type: 'h1', text: title },
      { type: 'p', text: `${t('esf.certificates.col.participant')}: ${name}` },
      { type: 'p', text: `${t('esf.certificates.pdf.pnr')}: ${numbers.get(c.participantId) ?? '–'}` },
      { type: 'p', text: `${t('esf.certificates.employer')}: ${c.employerName}, ${c.employerOrgNumber}` },
      {
        type: 'p',
        text: `${t('esf.certificates.col.month')}: ${c.month} · ${t('esf.certificates.col.version')} ${c.version}`,
      },
      { type: 'space' },
      {
        type: 'table',
        columns: [
          t('esf.certificates.col.date'),
          t('esf.certificates.col.activity'),
          t('esf.certificates.col.label'),
          t('esf.certificates.col.hours'),
        ],
        rows: c.lines.map((l) => [
          l.date,
          t(`esf.certificates.activity.${l.activity}`),
          l.label,
          String(l.hours),
        ]),
        fontSize: 10,
      },
      { type: 'p', text: `${t('esf.certificates.total')}: ${c.totalHours}` },
      { type: 'p', text: t('esf.certificates.rule') },
      { type: 'space', lines: 2 },
      { type: 'h2', text: t('esf.certificates.signatures') },
      { type: 'p', text: sigLine('participant') },
      { type: 'space' },
      { type: 'p', text: sigLine('manager') },
    ],
    pageLabel: t('esf.certificates.pdf.page'),
  });
  return { file, fileName: `tidsintyg-${c.month}-v${c.version}.pdf` };
}
