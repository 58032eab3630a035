import { defineMessages } from '../../../platform/i18n/index.ts';

export const mappingMessages = defineMessages<never>({}, {});
