import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF economy pages (keys start with `esf.`). */
export const economyMessages = defineMessages(
  {
    'esf.economy.title': 'Economy',
  },
  {
    'esf.economy.title': 'Economy',
  },
);
