// Demo mappings: two rounds, submitted mappings for most demo companies (so the county roll-up has cells
// that pass disclosure control), a follow-up round for before/after, and a few mappings in progress.

import { mappings, type SampleRole, sampleAnswers } from '../domains/mapping/index.ts';
import { competencesForSsyk } from '../domains/reference/index.ts';
import type { Actor } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';
import { pick } from './generate.ts';

type Rng = () => number;

const ROLE_POOL: { title: string; ssyk: string }[] = [
  { title: 'Svetsare', ssyk: '7212' },
  { title: 'Underhållstekniker', ssyk: '7233' },
  { title: 'Maskinoperatör ytbehandling', ssyk: '8121' },
  { title: 'Montör', ssyk: '8211' },
  { title: 'Lastbilschaufför', ssyk: '8332' },
  { title: 'Servicetekniker el', ssyk: '7411' },
  { title: 'Ekonomiassistent', ssyk: '4111' },
  { title: 'Systemutvecklare', ssyk: '2512' },
  { title: 'Butikssäljare', ssyk: '5223' },
];

export interface DemoRounds {
  start: string;
  followUp: string;
}

/** Submit a complete mapping for the company in the round (answers drawn from `r`); returns its id. */
async function completeMapping(
  db: Db,
  admin: Actor,
  companyId: string,
  roundId: string,
  r: Rng,
  competenceCache: Map<string, string[]>,
  opts: { maturity: number[]; submit: boolean; sectionsToFill?: number },
): Promise<string> {
  const { id } = await mappings.startMapping(db, admin, { companyId, roundId });
  await mappings.acceptNotice(db, admin, id, r() < 0.2 ? ['goals'] : []);
  const roles: SampleRole[] = [];
  const used = new Set<string>();
  const count = 2 + Math.floor(r() * 2);
  while (roles.length < count) {
    const role = pick(r, ROLE_POOL);
    if (used.has(role.ssyk)) continue;
    used.add(role.ssyk);
    roles.push({ ...role, women: Math.floor(r() * 4), men: 1 + Math.floor(r() * 6) });
  }
  const competenceIds: string[] = [];
  for (const role of roles) {
    let ids = competenceCache.get(role.ssyk);
    if (!ids) {
      ids = (await competencesForSsyk(db, role.ssyk)).slice(0, 6).map((c) => c.conceptId);
      competenceCache.set(role.ssyk, ids);
    }
    competenceIds.push(...ids.slice(0, 3));
  }
  const view = await mappings.getMapping(db, admin, id);
  const answers = sampleAnswers(view.definition, {
    roles,
    competenceIds: competenceIds.length ? competenceIds : ['none'],
    random: r,
    maturity: opts.maturity,
  });
  const sections = Object.fromEntries(
    Object.entries(answers).slice(0, opts.sectionsToFill ?? Number.POSITIVE_INFINITY),
  );
  await mappings.saveAnswers(db, admin, id, { baseRevision: view.mapping.revision, sections });
  if (opts.submit) await mappings.submitMapping(db, admin, id, '127.0.0.1');
  return id;
}

/** Rounds "Start 2026" and "Uppföljning 2027" with mappings for the demo companies. */
export async function seedMappingsDemo(
  db: Db,
  admin: Actor,
  companyIds: string[],
  r: Rng,
): Promise<DemoRounds> {
  const start = await mappings.createRound(db, admin, {
    key: 'start-2026',
    nameSv: 'Start 2026',
    nameEn: 'Start 2026',
    opensOn: '2026-01-15',
    closesOn: '2026-12-31',
  });
  const followUp = await mappings.createRound(db, admin, {
    key: 'uppfoljning-2027',
    nameSv: 'Uppföljning 2027',
    nameEn: 'Follow-up 2027',
    opensOn: '2027-01-15',
    closesOn: '2027-08-31',
  });
  const cache = new Map<string, string[]>();
  // Company 0 (the demo HR contact's) and most others have submitted the start round.
  const submitted = companyIds.slice(0, 40);
  for (const [i, companyId] of submitted.entries()) {
    const low = i % 2 === 0 ? [1, 2, 2, 1] : [2, 2, 3, 1];
    await completeMapping(db, admin, companyId, start, r, cache, { maturity: low, submit: true });
  }
  // Eight companies have followed up, with a higher maturity: before/after on their result pages.
  for (const companyId of submitted.slice(0, 8))
    await completeMapping(db, admin, companyId, followUp, r, cache, { maturity: [3, 3, 4, 2], submit: true });
  // A few mappings in progress (half filled in).
  for (const companyId of companyIds.slice(40, 44))
    await completeMapping(db, admin, companyId, start, r, cache, {
      maturity: [2],
      submit: false,
      sectionsToFill: 5,
    });
  return { start, followUp };
}
