import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the digital-learning study pages (keys start with `elearning.study.`). */
export const studyMessages = defineMessages(
  {
    'elearning.study.title': '(skeleton)',
  },
  {
    'elearning.study.title': '(skeleton)',
  },
);
