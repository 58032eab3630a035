import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { findOrganisation, regionIdsOf } from '../organisations/index.ts';
import { listSniDetailGroups, municipalitiesOfCounty } from '../reference/index.ts';

/** Municipalities of the actor's regions, for workplace and filter choices. */
export async function regionMunicipalities(db: Db, actor: Actor): Promise<{ code: string; name: string }[]> {
  const out: { code: string; name: string }[] = [];
  for (const regionId of regionIdsOf(actor)) out.push(...(await municipalitiesOfRegion(db, regionId)));
  return out.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

// A region's county never changes and the municipality list is reference data: cache per region id.
const regionCache = new Map<string, Promise<{ code: string; name: string }[]>>();

function municipalitiesOfRegion(db: Db, regionId: string): Promise<{ code: string; name: string }[]> {
  let cached = regionCache.get(regionId);
  if (!cached) {
    cached = (async () => {
      const region = await findOrganisation(db, regionId);
      if (!region?.code) return [];
      return (await municipalitiesOfCounty(db, region.code)).map((m) => ({ code: m.code, name: m.name }));
    })();
    cached.catch(() => regionCache.delete(regionId));
    regionCache.set(regionId, cached);
  }
  return cached;
}

let sniCache: Promise<{ code: string; name: string }[]> | null = null;

/** All SNI 2007 detail groups (821), for the no-JavaScript datalist. Reference data is immutable per run. */
export function sniDetailOptions(db: Db): Promise<{ code: string; name: string }[]> {
  sniCache ??= listSniDetailGroups(db).catch((err) => {
    sniCache = null;
    throw err;
  });
  return sniCache;
}
