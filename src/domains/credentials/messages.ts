import { defineMessages } from '../../platform/i18n/index.ts';

/** The credentials domain's catalogue (keys start with `credentials.`). */
export const messages = defineMessages(
  {
    'credentials.title': '(skeleton)',
  },
  {
    'credentials.title': '(skeleton)',
  },
);
