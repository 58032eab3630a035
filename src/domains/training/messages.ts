import { defineMessages } from '../../platform/i18n/index.ts';
import { attendanceMessages } from './messages/attendance.ts';
import { catalogueMessages } from './messages/catalogue.ts';
import { enrolmentMessages } from './messages/enrolment.ts';
import { matchingMessages } from './messages/matching.ts';

/** The training domain's catalogue: each area's own file merged. */
export const messages = defineMessages(
  { ...catalogueMessages.sv, ...enrolmentMessages.sv, ...attendanceMessages.sv, ...matchingMessages.sv },
  { ...catalogueMessages.en, ...enrolmentMessages.en, ...attendanceMessages.en, ...matchingMessages.en },
);

export type TrainingKey = keyof typeof messages.sv;
