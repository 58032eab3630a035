import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF claims pages (keys start with `esf.`). */
export const claimsMessages = defineMessages(
  {
    'esf.claims.title': 'Claims',
  },
  {
    'esf.claims.title': 'Claims',
  },
);
