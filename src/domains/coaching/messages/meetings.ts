import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the coaching meetings pages. */
export const meetingsMessages = defineMessages(
  {
    'coaching.meetings.title': 'Möten',
  },
  {
    'coaching.meetings.title': 'Meetings',
  },
);
