import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF scb pages (keys start with `esf.`). */
export const scbMessages = defineMessages(
  {
    'esf.scb.title': 'Scb',
  },
  {
    'esf.scb.title': 'Scb',
  },
);
