import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { findOrganisation, regionIdsOf } from '../organisations/index.ts';
import { listSniDetailGroups, municipalitiesOfCounty } from '../reference/index.ts';

/** Municipalities of the actor's regions, for workplace and filter choices. */
export async function regionMunicipalities(db: Db, actor: Actor): Promise<{ code: string; name: string }[]> {
  const out: { code: string; name: string }[] = [];
  for (const regionId of regionIdsOf(actor)) {
    const region = await findOrganisation(db, regionId);
    if (!region?.code) continue;
    for (const m of await municipalitiesOfCounty(db, region.code)) out.push({ code: m.code, name: m.name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
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
