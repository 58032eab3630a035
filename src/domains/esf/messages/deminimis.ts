import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF deminimis pages (keys start with `esf.`). */
export const deminimisMessages = defineMessages(
  {
    'esf.deminimis.title': 'Deminimis',
  },
  {
    'esf.deminimis.title': 'Deminimis',
  },
);
