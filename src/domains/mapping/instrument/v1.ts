import type { InstrumentDefinitionInput } from './schema.ts';
import { companySections } from './v1-company.ts';
import { needsSections } from './v1-needs.ts';
import { roleSections } from './v1-roles.ts';

/** The key of the national common method; every region's own versions keep it. */
export const COMMON_METHOD_KEY = 'common-method';

/**
 * Version 1 of the common mapping method (Gemensam kartläggningsmetod), shipped with the product and
 * published as the national instrument by `ensureCommonInstrument`. Once published it never changes:
 * improvements are made as a new version.
 */
export const commonMethodV1: InstrumentDefinitionInput = {
  key: COMMON_METHOD_KEY,
  version: 1,
  title: { sv: 'Gemensam kartläggningsmetod, version 1', en: 'Common mapping method, version 1' },
  levelScale: [
    {
      value: 1,
      label: { sv: 'Med stöd', en: 'With support' },
      description: {
        sv: 'Kan utföra uppgifterna med handledning och stöd av någon mer erfaren.',
        en: 'Can carry out the tasks with guidance and support from someone more experienced.',
      },
    },
    {
      value: 2,
      label: { sv: 'Självständigt', en: 'Independently' },
      description: {
        sv: 'Utför uppgifterna självständigt och med god kvalitet i vanliga situationer.',
        en: 'Carries out the tasks independently and to a good standard in normal situations.',
      },
    },
    {
      value: 3,
      label: { sv: 'Kan lära ut', en: 'Can teach others' },
      description: {
        sv: 'Behärskar uppgifterna även i ovanliga situationer och kan handleda och lära upp andra.',
        en: 'Masters the tasks in unusual situations too, and can supervise and train others.',
      },
    },
    {
      value: 4,
      label: { sv: 'Expert', en: 'Expert' },
      description: {
        sv: 'Utvecklar arbetssätt och metoder och är ett stöd för hela företaget inom området.',
        en: 'Develops ways of working and methods, and supports the whole company in the field.',
      },
    },
  ],
  sections: [...companySections, ...roleSections, ...needsSections],
};
