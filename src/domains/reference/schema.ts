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

// ---------------------------------------------------------------- pickers (occupations and competences)

/**
 * Where a picker page's "Choose" links go back to: a relative path on this site (`/x/y?z=1`). Anything
 * else (`//evil.example`, `https://…`, `/\\evil`, a fragment, control characters) is ignored, not an error.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const path = value.trim();
  if (path.length === 0 || path.length > 500) return undefined;
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\\#\u0000-\u001f\u007f\s]/.test(path)) return undefined;
  return path;
}

/** The return path with `pick=<value>` appended to its query. */
export function withPick(returnPath: string, value: string): string {
  return `${returnPath}${returnPath.includes('?') ? '&' : '?'}pick=${encodeURIComponent(value)}`;
}

const pageSearchText = z
  .string()
  .optional()
  .transform((q) => (q ?? '').trim().slice(0, 100));

const returnPath = z
  .unknown()
  .optional()
  .transform((v) => safeReturnPath(v));

export const occupationPageQuery = z.object({ q: pageSearchText, return: returnPath });

/** `ssyk` is a four-digit unit group; anything else is ignored. */
export const competencePageQuery = z.object({
  q: pageSearchText,
  ssyk: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' && /^\d{4}$/.test(v.trim()) ? v.trim() : '')),
  return: returnPath,
});

export const suggestQuery = z.object({ q: pageSearchText });

export const suggestion = z.object({
  value: z.string().describe('The code to store: an SSYK unit group or a JobTech concept id'),
  label: z.string().describe('What the input shows once chosen'),
  detail: z.string().nullable().describe('A second line: the name that matched, when it is not the label'),
});
export type Suggestion = z.infer<typeof suggestion>;
