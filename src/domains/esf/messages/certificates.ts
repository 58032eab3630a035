import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the ESF certificates pages (keys start with `esf.`). */
export const certificatesMessages = defineMessages(
  {
    'esf.certificates.title': 'Certificates',
  },
  {
    'esf.certificates.title': 'Certificates',
  },
);
