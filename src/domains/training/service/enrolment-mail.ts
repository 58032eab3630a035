// Enrolment mails: confirmation, waitlisted, moved up, cancelled, moved. To the learner's e-mail (if any)
// and to the company contact who enrolled, each in the recipient's language. Sent after the transaction.
import type { Db } from '../../../platform/db.ts';
import { formatDate, translator } from '../../../platform/i18n/index.ts';
import type { Mailer } from '../../../platform/mail.ts';
import { enrolmentMessages } from '../messages/enrolment.ts';
import * as repo from '../repo-enrolment.ts';

export type MailKind = 'enrolled' | 'waitlisted' | 'movedUp' | 'cancelled' | 'moved';

export interface PendingMail {
  kind: MailKind;
  enrolmentId: string;
}

async function recipients(db: Db, e: repo.EnrolmentRow): Promise<repo.Recipient[]> {
  const out: repo.Recipient[] = [];
  if (e.learnerEmail) {
    const locale = e.learnerUserId ? await repo.userLocale(db, e.learnerUserId) : null;
    out.push({ email: e.learnerEmail, locale: locale ?? 'sv' });
  }
  if (e.enrolledBy) {
    const contact = await repo.contactRecipient(db, e.enrolledBy, e.companyId);
    if (contact && !out.some((r) => r.email.toLowerCase() === contact.email.toLowerCase())) out.push(contact);
  }
  return out;
}

/** Send the mails of a finished change; a mail problem never undoes the enrolment (the outbox keeps a row). */
export async function sendEnrolmentMails(
  db: Db,
  mailer: Mailer,
  regionId: string,
  mails: PendingMail[],
): Promise<void> {
  for (const m of mails) {
    const e = await repo.findEnrolment(db, m.enrolmentId);
    if (!e) continue;
    for (const r of await recipients(db, e)) {
      const t = translator(enrolmentMessages, r.locale);
      const params = {
        learner: `${e.firstName} ${e.lastName}`,
        course: e.courseTitle,
        from: formatDate(e.startsOn),
        to: formatDate(e.endsOn),
        company: e.companyName,
      };
      await mailer.send(db, {
        to: r.email,
        subject: t(`training.enrolment.mail.${m.kind}.subject`, params),
        text: `${t(`training.enrolment.mail.${m.kind}.body`, params)}\n\n${t('training.enrolment.mail.footer')}`,
        regionId,
      });
    }
  }
}
