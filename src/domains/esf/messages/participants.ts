import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF participants pages (keys start with `esf.`). */
export const participantsMessages = defineMessages(
  {
    'esf.participants.title': 'Participants',
  },
  {
    'esf.participants.title': 'Participants',
  },
);
