import { defineMessages } from '../../../platform/i18n/index.ts';

export const ratingsMessages = defineMessages<never>({}, {});
