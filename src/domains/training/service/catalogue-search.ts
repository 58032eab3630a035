// The public catalogue: search approved courses in Swedish (words, stems, typos) with filters, and the
// iCalendar feed of upcoming sessions. No login needed; only approved courses are ever shown.
import type { Db } from '../../../platform/db.ts';
import { type IcsEvent, renderCalendar } from '../../../platform/ical.ts';
import * as repo from '../repo-catalogue.ts';
import type { SearchQuery } from './catalogue-schema.ts';

export type { CodeName, SearchRow } from '../repo-catalogue.ts';

export const PAGE_SIZE = 20;

export interface SearchResult {
  items: repo.SearchRow[];
  total: number;
  page: number;
  pageSize: number;
}

export async function searchCatalogue(db: Db, q: SearchQuery, pageSize = PAGE_SIZE): Promise<SearchResult> {
  const page = q.page ?? 1;
  const items = await repo.searchCourses(db, {
    q: q.q ?? null,
    competence: q.competence ?? null,
    municipality: q.municipality ?? null,
    format: q.format ?? null,
    language: q.language ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items, total: items[0]?.total ?? 0, page, pageSize };
}

type FilterOptions = Awaited<ReturnType<typeof repo.catalogueFilterOptions>>;

/** How long a process reuses the filter options (another process's changes show within this time). */
export const FILTERS_TTL_MS = 30_000;
const filtersRead = new WeakMap<Db, { at: number; version: number; options: Promise<FilterOptions> }>();

/**
 * Options of the catalogue's filters (competences and places of approved courses). Reading them means going
 * over every approved course's competences (at the sweden scale 74 000 rows, ≈200 ms), so one reading is
 * shared by all requests of a process for FILTERS_TTL_MS, and dropped at once when this process changes a
 * course or an occasion.
 */
export function catalogueFilters(db: Db): Promise<FilterOptions> {
  const hit = filtersRead.get(db);
  if (hit && hit.version === repo.catalogueVersion() && Date.now() - hit.at < FILTERS_TTL_MS)
    return hit.options;
  const options = repo.catalogueFilterOptions(db);
  filtersRead.set(db, { at: Date.now(), version: repo.catalogueVersion(), options });
  options.catch(() => filtersRead.delete(db));
  return options;
}

/** The iCalendar feed of upcoming sessions of approved courses (one course's when `courseId`). */
export async function catalogueCalendar(
  db: Db,
  baseUrl: string,
  courseId: string | null = null,
  name = 'Kompetensnavet – kurser',
): Promise<string> {
  const rows = await repo.upcomingSessions(db, 2000, courseId);
  const events: IcsEvent[] = rows.map((r) => ({
    uid: `${r.sessionId}@kompetensnavet`,
    date: r.date,
    start: r.start,
    end: r.end,
    summary: r.title,
    location: [r.location, r.municipalityName].filter(Boolean).join(', ') || r.onlineLink,
    description: `${r.providerName}\n${baseUrl}/kurser/${r.courseId}`,
    url: `${baseUrl}/kurser/${r.courseId}`,
    modified: r.modified,
    minutes: minutesBetween(r.start, r.end),
    status: 'CONFIRMED',
  }));
  return renderCalendar({ name, product: 'Kurskatalog', events });
}

function minutesBetween(start: string, end: string): number {
  const [sh = 0, sm = 0] = start.split(':').map(Number);
  const [eh = 0, em = 0] = end.split(':').map(Number);
  return Math.max(1, eh * 60 + em - (sh * 60 + sm));
}
