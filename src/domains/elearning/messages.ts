import { defineMessages } from '../../platform/i18n/index.ts';
import { authoringMessages } from './messages/authoring.ts';
import { learningMessages } from './messages/learning.ts';
import { studyMessages } from './messages/study.ts';

/** The digital-learning domain's catalogue: each area's own file merged. */
export const messages = defineMessages(
  { ...authoringMessages.sv, ...learningMessages.sv, ...studyMessages.sv },
  { ...authoringMessages.en, ...learningMessages.en, ...studyMessages.en },
);
