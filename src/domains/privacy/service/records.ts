// Public-records requests: the records a request covers (a company's mappings and coaching engagements, or
// one of them by id) with possibly secret information redacted and listed for the officer's harm test.
// Business-sensitive mapping answers (the company's marks), names and e-mails of private persons and
// anything looking like a personal identity number are masked; attachments are listed, not included.
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatDate, type T } from '../../../platform/i18n/index.ts';
import * as repo from '../repo-records.ts';

export type RecordsKind = 'company' | 'engagement' | 'mapping';
export type RedactionWhy = 'business' | 'person' | 'email' | 'pnr';

/** The secrecy provision the officer should consider for each kind of redaction. */
export const provisions: Record<RedactionWhy, string> = {
  business: 'OSL 31 kap. 16 §',
  person: 'OSL 21 kap. 7 §',
  email: 'OSL 21 kap. 7 §',
  pnr: 'OSL 21 kap. 7 §',
};

export interface Redaction {
  n: number;
  where: string;
  why: RedactionWhy;
  reason: string;
  provision: string;
}

export interface RecordsSection {
  heading: string;
  items: { label: string; text: string }[];
}

export interface RecordsExport {
  kind: RecordsKind;
  id: string;
  companyName: string;
  generatedAt: string;
  redactions: Redaction[];
  attachments: { where: string; fileName: string; mediaType: string; sizeBytes: number }[];
  sections: RecordsSection[];
}

interface Scope {
  regions: string[];
  municipalities: string[];
}

export function recordsScope(actor: Actor): Scope {
  return {
    regions: membershipsWith(actor, 'region_admin').map((m) => m.regionId),
    municipalities: membershipsWith(actor, 'municipality_officer').flatMap((m) =>
      m.municipalityCode ? [m.municipalityCode] : [],
    ),
  };
}

const inScope = (s: Scope, regionId: string, municipality: string | null) =>
  s.regions.includes(regionId) || (municipality !== null && s.municipalities.includes(municipality));

const PNR = /\b(?:19|20)?\d{6}[-+]?\d{4}\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Collects redactions and masks text; each mask names its reason and its number in the review list. */
class Redactor {
  readonly list: Redaction[] = [];
  constructor(
    private readonly t: T<string>,
    private readonly privateNames: Set<string>,
  ) {}

  mask(where: string, why: RedactionWhy): string {
    const reason = this.t(`privacy.records.why.${why}`);
    const n = this.list.length + 1;
    this.list.push({ n, where, why, reason, provision: provisions[why] });
    return this.t('privacy.records.masked', { reason, n });
  }

  /** Free text: identity numbers, e-mail addresses and the names of private persons in it are masked. */
  text(where: string, value: string): string {
    let out = value
      .replace(PNR, () => this.mask(where, 'pnr'))
      .replace(EMAIL, () => this.mask(where, 'email'));
    for (const name of this.privateNames)
      out = out.replace(new RegExp(escapeRe(name), 'gi'), () => this.mask(where, 'person'));
    return out;
  }
}

const show = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

function mappingSection(t: T<string>, r: Redactor, m: repo.MappingRecord): RecordsSection {
  const items = [
    { label: t('privacy.records.field.round'), text: m.roundName },
    { label: t('privacy.records.field.status'), text: m.status },
    { label: t('privacy.records.field.submittedAt'), text: m.submittedAt ? formatDate(m.submittedAt) : '' },
  ];
  for (const s of m.sections)
    for (const [key, value] of Object.entries(s.answers ?? {})) {
      const where = `${t('privacy.records.mapping')} ${m.id.slice(0, 8)} / ${s.key} / ${key}`;
      items.push({
        label: `${s.key} / ${key}`,
        text: m.sensitive.includes(key) ? r.mask(where, 'business') : r.text(where, show(value)),
      });
    }
  return { heading: `${t('privacy.records.mapping')} ${m.roundName} (${m.id})`, items };
}

function engagementSection(
  t: T<string>,
  r: Redactor,
  e: repo.EngagementRecord,
  out: RecordsExport,
): RecordsSection {
  const ref = `${t('privacy.records.engagement')} ${e.id.slice(0, 8)}`;
  const items = [
    { label: t('privacy.records.field.step'), text: e.step },
    { label: t('privacy.records.field.municipality'), text: e.municipalityCode },
    { label: t('privacy.records.field.createdAt'), text: formatDate(e.createdAt) },
    { label: t('privacy.records.field.closedAt'), text: e.closedAt ? formatDate(e.closedAt) : '' },
  ];
  for (const m of e.meetings) {
    const where = `${ref} / ${t('privacy.records.meeting')} ${m.heldOn}`;
    const people = m.attendees.map((a) =>
      a.kind === 'staff' ? a.name : r.mask(`${where} / ${t('privacy.records.field.attendees')}`, 'person'),
    );
    items.push({ label: `${t('privacy.records.meeting')} ${m.heldOn}`, text: `${m.kind}, ${m.status}` });
    items.push({ label: t('privacy.records.field.attendees'), text: people.join(', ') });
    for (const [k, v] of [
      ['agenda', m.agenda],
      ['notes', m.notes],
      ['decisions', m.decisions],
      ['nextSteps', m.nextSteps],
    ] as const)
      if (v) items.push({ label: t(`privacy.records.field.${k}`), text: r.text(`${where} / ${k}`, v) });
    for (const a of m.attachments) out.attachments.push({ where, ...a });
  }
  if (e.planSummary !== null) {
    items.push({ label: t('privacy.records.field.plan'), text: r.text(`${ref} / plan`, e.planSummary) });
    for (const g of e.goals)
      items.push({
        label: t('privacy.records.field.goal'),
        text: r.text(`${ref} / plan`, `${g.title} ${g.measure}`.trim()),
      });
    for (const a of e.actions)
      items.push({
        label: t('privacy.records.field.action'),
        text: [
          r.text(`${ref} / plan`, a.title),
          a.ownerName ? r.mask(`${ref} / plan / ${t('privacy.records.field.owner')}`, 'person') : '',
          a.status,
          a.dueOn ?? '',
        ]
          .filter(Boolean)
          .join(' · '),
      });
  }
  return { heading: `${t('privacy.records.engagement')} (${e.id})`, items };
}

/** The export of what a request covers, in the actor's language; out-of-scope ids answer 404; audited. */
export async function publicRecordsExport(
  db: Db,
  ctx: { actor: Actor; ip: string | null },
  req: { kind: RecordsKind; id: string },
  t: T<string>,
): Promise<RecordsExport> {
  const scope = recordsScope(ctx.actor);
  if (scope.regions.length === 0 && scope.municipalities.length === 0) throw new AppError('FORBIDDEN');
  let maps: repo.MappingRecord[] = [];
  let engs: repo.EngagementRecord[] = [];
  let companyId: string;
  if (req.kind === 'company') {
    const c = await repo.findCompany(db, req.id);
    if (
      !c ||
      !(
        scope.regions.includes(c.regionId) ||
        c.municipalityCodes.some((m) => scope.municipalities.includes(m))
      )
    )
      throw new AppError('NOT_FOUND');
    companyId = c.id;
    maps = (await repo.mappings(db, { companyId })).filter((m) =>
      inScope(scope, m.regionId, m.municipalityCode),
    );
    engs = (await repo.engagements(db, { companyId })).filter((e) =>
      inScope(scope, e.regionId, e.municipalityCode),
    );
  } else {
    if (req.kind === 'mapping') maps = await repo.mappings(db, { id: req.id });
    else engs = await repo.engagements(db, { id: req.id });
    const [rec] = [...maps, ...engs];
    if (!rec || !inScope(scope, rec.regionId, rec.municipalityCode)) throw new AppError('NOT_FOUND');
    companyId = rec.companyId;
  }
  const company = await repo.findCompany(db, companyId);
  const privateNames = new Set(
    engs.flatMap((e) =>
      e.meetings.flatMap((m) =>
        m.attendees.filter((a) => a.kind !== 'staff' && a.name.length >= 3).map((a) => a.name),
      ),
    ),
  );
  const r = new Redactor(t, privateNames);
  const out: RecordsExport = {
    kind: req.kind,
    id: req.id,
    companyName: company?.name ?? '',
    generatedAt: new Date().toISOString(),
    redactions: r.list,
    attachments: [],
    sections: [],
  };
  out.sections = [
    ...maps.map((m) => mappingSection(t, r, m)),
    ...engs.map((e) => engagementSection(t, r, e, out)),
  ];
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'privacy.records.export',
    entityType: req.kind,
    entityId: req.id,
    organisationId: company?.regionId ?? null,
    ip: ctx.ip,
    details: { sections: out.sections.length, redactions: r.list.length },
  });
  return out;
}
