import { type Locale, type T, translator } from '../../../platform/i18n/index.ts';
import { type AccountKey, messages } from '../messages.ts';

export interface MailText {
  subject: string;
  text: string;
}

/**
 * A message in the recipient's language with the same text in the other language below it: the
 * recipient's preference may be unknown (a new account), and both are official languages of the product.
 */
export function bilingualMail(locale: Locale, compose: (t: T<AccountKey>) => MailText): MailText {
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  const first = compose(translator(messages, locale));
  const second = compose(translator(messages, other));
  const tFirst = translator(messages, locale);
  return {
    subject: first.subject,
    text: `${first.text}\n\n-- ${tFirst('mail.otherLanguage')} --\n\n${second.subject}\n\n${second.text}\n`,
  };
}
