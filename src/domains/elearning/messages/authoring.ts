import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the digital-learning authoring pages (keys start with `elearning.author.`). */
export const authoringMessages = defineMessages(
  {
    'elearning.author.title': '(skeleton)',
  },
  {
    'elearning.author.title': '(skeleton)',
  },
);
