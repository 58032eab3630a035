import type { Messages } from '../../platform/i18n/index.ts';
import { privacyMessages } from './messages/privacy.ts';
import { reportMessages } from './messages/reports.ts';
import { statementMessages } from './messages/statement.ts';

type Key =
  | keyof typeof statementMessages.sv
  | keyof typeof privacyMessages.sv
  | keyof typeof reportMessages.sv;
export type NoticesKey = Key;

/** Every string of the notices area (statement, privacy notice, reports), one catalogue. */
export const messages: Messages<Key> = {
  sv: { ...statementMessages.sv, ...privacyMessages.sv, ...reportMessages.sv },
  en: { ...statementMessages.en, ...privacyMessages.en, ...reportMessages.en },
};
