import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF indicators pages (keys start with `esf.`). */
export const indicatorsMessages = defineMessages(
  {
    'esf.indicators.title': 'Indicators',
  },
  {
    'esf.indicators.title': 'Indicators',
  },
);
