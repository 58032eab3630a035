import { defineMessages } from '../../platform/i18n/index.ts';

/** The lti domain's catalogue (keys start with `lti.`). */
export const messages = defineMessages(
  {
    'lti.title': '(skeleton)',
  },
  {
    'lti.title': '(skeleton)',
  },
);
