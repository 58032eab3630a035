import { defineMessages } from '../../../platform/i18n/index.ts';

/** Messages of the coaching plan pages. */
export const planMessages = defineMessages(
  {
    'coaching.plan.title': 'Kompetensförsörjningsplan',
  },
  {
    'coaching.plan.title': 'Competence-supply plan',
  },
);
