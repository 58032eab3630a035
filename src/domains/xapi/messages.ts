import { defineMessages } from '../../platform/i18n/index.ts';

/** The xapi domain's catalogue (keys start with `xapi.`). */
export const messages = defineMessages(
  {
    'xapi.title': '(skeleton)',
  },
  {
    'xapi.title': '(skeleton)',
  },
);
