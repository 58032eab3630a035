import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the digital-learning learning pages (keys start with `elearning.learn.`). */
export const learningMessages = defineMessages(
  {
    'elearning.learn.title': '(skeleton)',
  },
  {
    'elearning.learn.title': '(skeleton)',
  },
);
