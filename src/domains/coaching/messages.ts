import { defineMessages } from '../../platform/i18n/index.ts';
import { engagementMessages } from './messages/engagements.ts';
import { meetingsMessages } from './messages/meetings.ts';
import { planMessages } from './messages/plan.ts';

/** The coaching domain's catalogue: each area's own file merged. */
export const messages = defineMessages(
  { ...engagementMessages.sv, ...meetingsMessages.sv, ...planMessages.sv },
  { ...engagementMessages.en, ...meetingsMessages.en, ...planMessages.en },
);

export type CoachingKey = keyof typeof messages.sv;
