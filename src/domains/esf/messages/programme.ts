import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF programme pages (keys start with `esf.`). */
export const programmeMessages = defineMessages(
  {
    'esf.programme.title': 'Programme',
  },
  {
    'esf.programme.title': 'Programme',
  },
);
