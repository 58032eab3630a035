import { z } from 'zod';

// ---------------------------------------------------------------- view models (also the API's response bodies)

export const sniHit = z.object({
  code: z.string().describe('Five-digit SNI 2007 detail group, e.g. 25620'),
  codeDotted: z.string().describe('The code as SCB writes it, e.g. 25.620'),
  name: z.string(),
  sectionCode: z.string(),
  sectionName: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
});
export type SniHit = z.infer<typeof sniHit>;

export const sniCode = z.object({
  code: z.string(),
  codeDotted: z.string(),
  level: z.number().int().min(1).max(5),
  /** Null for groups and classes (levels 3 and 4): the data set has no names for them. */
  name: z.string().nullable(),
  parentCode: z.string().nullable(),
  sectionCode: z.string(),
  sectionName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
});
export type SniCode = z.infer<typeof sniCode>;

export const county = z.object({ code: z.string(), name: z.string() });
export type County = z.infer<typeof county>;

export const municipality = z.object({
  code: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
});
export type Municipality = z.infer<typeof municipality>;

export const ssykHit = z.object({
  code: z.string().describe('Four-digit SSYK 2012 unit group as SCB publishes it'),
  name: z.string(),
  matchedName: z.string().describe('The group name, occupation name or title that matched the query'),
  matchedBy: z.enum(['code', 'group', 'occupation', 'title']),
});
export type SsykHit = z.infer<typeof ssykHit>;

export const ssykGroup = z.object({
  code: z.string(),
  level: z.number().int(),
  name: z.string(),
  parentCode: z.string().nullable(),
});
export type SsykGroup = z.infer<typeof ssykGroup>;

export const competence = z.object({ conceptId: z.string(), name: z.string() });
export type Competence = z.infer<typeof competence>;

export const sunEntry = z.object({
  code: z.string(),
  level: z.number().int(),
  name: z.string(),
  parentCode: z.string().nullable(),
});
export type SunEntry = z.infer<typeof sunEntry>;

export const englishName = z.object({ iscoCode: z.string(), name: z.string() });
export type EnglishName = z.infer<typeof englishName>;

// ---------------------------------------------------------------- HTTP input

const searchText = z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong');
const limit = z.coerce.number().int().min(1).max(50).default(10);

export const searchQuery = z.object({ q: searchText, limit });
export type SearchQuery = z.infer<typeof searchQuery>;

export const municipalitiesQuery = z.object({
  county: z
    .string()
    .regex(/^\d{2}$/, 'validation.invalid')
    .optional(),
});

/** The no-JavaScript SNI page: an empty or missing q shows the form only. */
export const sniPageQuery = z.object({
  q: z
    .string()
    .optional()
    .transform((q) => (q ?? '').trim().slice(0, 100)),
});

// ---------------------------------------------------------------- API response bodies

export const sniSearchResponse = z.object({ items: z.array(sniHit) });
export const ssykSearchResponse = z.object({ items: z.array(ssykHit) });
export const competenceSearchResponse = z.object({ items: z.array(competence) });
export const municipalitiesResponse = z.object({ items: z.array(municipality) });
