// Text for import rows and errors, shared by the pages, the API and the error download.
import { type Locale, type T, translator } from '../../../platform/i18n/index.ts';
import { maskOrgNumber, parseOrgNumber } from '../../../platform/identifiers.ts';
import type { ColumnKey } from './columns.ts';
import { messages, type TransferKey } from './messages.ts';
import type { RowError } from './rows.ts';

export const transferT = (locale: Locale): T<TransferKey> => translator(messages, locale);

export const columnLabel = (t: T<TransferKey>, column: ColumnKey): string => t(`transfer.col.${column}`);

/** One error as a sentence in the user's language, naming the column: "SNI: The SNI code does not exist …". */
export function rowErrorText(t: T<TransferKey>, locale: Locale, e: RowError): string {
  const params =
    e.params && 'allowedSv' in e.params
      ? { allowed: locale === 'sv' ? e.params.allowedSv : e.params.allowedEn }
      : e.params;
  const message = t(e.message as TransferKey, params);
  return e.column ? t('transfer.error.column', { column: columnLabel(t, e.column), message }) : message;
}

/** The organisationsnummer as the file has it, masked when it is a sole trader's personnummer. */
export function displayOrgNumber(value: string | undefined): string {
  if (!value) return '';
  const parsed = parseOrgNumber(value);
  return parsed.ok ? maskOrgNumber(parsed.value, parsed.soleTrader) : value;
}
