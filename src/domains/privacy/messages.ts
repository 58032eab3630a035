import { defineMessages } from '../../platform/i18n/index.ts';
import { subjectMessages } from './messages/subject.ts';

/** The privacy domain's catalogue: each area's own file merged. */
export const messages = defineMessages({ ...subjectMessages.sv }, { ...subjectMessages.en });

export type PrivacyKey = keyof typeof messages.sv;
