import { randomUUID } from 'node:crypto';
import {
  actorForUser,
  hashPassword,
  insertMembership,
  insertUser,
  setTotpSecret,
} from '../domains/accounts/index.ts';
import {
  assignCoach,
  type CompanyInput,
  companyInput,
  createCompany,
  linkContactsByEmail,
} from '../domains/companies/index.ts';
import { seedElearningCourses, seedElearningLearners } from '../domains/elearning/index.ts';
import { seedEsfDemo } from '../domains/esf/index.ts';
import { seedLtiDemo } from '../domains/lti/index.ts';
import { seedNoticesDemo } from '../domains/notices/index.ts';
import {
  createProgramme,
  createProvider,
  ensureRegion,
  findMunicipalityOrganisation,
} from '../domains/organisations/index.ts';
import { seedPrivacyDemo, seedRetentionDemo } from '../domains/privacy/index.ts';
import { catalogue, publishUnmetDemo } from '../domains/training/index.ts';
import { seedXapiDemo } from '../domains/xapi/index.ts';
import type { Role } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';
import type { Keyring } from '../platform/secrets.ts';
import {
  companyName,
  employeeCount,
  fictitiousOrgNumber,
  kronobergWeights,
  personName,
  pick,
  rng,
  slug,
  sniWeights,
  weighted,
} from './generate.ts';
import { seedCoachingDemo } from './seed-coaching.ts';
import { seedInsightsDemo } from './seed-insights.ts';
import { seedMappingsDemo } from './seed-mappings.ts';
import { seedStaffTime } from './seed-stafftime.ts';
import { seedTrainingAttendanceDemo } from './seed-training-attendance.ts';
import { seedTrainingCatalogue } from './seed-training-catalogue.ts';
import { seedTrainingEnrolment } from './seed-training-enrolment.ts';

/**
 * The demo ESF administrator's fixed TOTP secret (base32; two-factor is required for the role), printed with
 * the demo logins so the demo and the browser tests can compute codes. Demo only: never a real account's.
 */
export const DEMO_ESF_TOTP_SECRET = 'KNDEMOESFADMINTOTPSECRET2345ABCD';

export const DEMO_USERS: { email: string; name: string; role: Role; org: string }[] = [
  { email: 'region.admin@example.org', name: 'Regina Admin', role: 'region_admin', org: 'region' },
  { email: 'officer.ljungby@example.org', name: 'Lars Ljungberg', role: 'municipality_officer', org: '0781' },
  { email: 'officer.vaxjo@example.org', name: 'Vera Växell', role: 'municipality_officer', org: '0780' },
  { email: 'coach@example.org', name: 'Conny Coach', role: 'coach', org: '0781' },
  { email: 'coach@example.org', name: 'Conny Coach', role: 'coach', org: '0780' },
  { email: 'coach.alvesta@example.org', name: 'Alva Coachsson', role: 'coach', org: '0764' },
  { email: 'company@example.org', name: 'Hanna HR', role: 'company_contact', org: 'company:0' },
  { email: 'company@example.org', name: 'Hanna HR', role: 'company_contact', org: 'company:1' },
  { email: 'participant@example.org', name: 'Pelle Deltagare', role: 'participant', org: 'company:0' },
  { email: 'provider@example.org', name: 'Petra Utbildare', role: 'provider', org: 'provider:0' },
  { email: 'esf@example.org', name: 'Esa Fondsson', role: 'esf_admin', org: 'region' },
];

export const DEMO_COMPANIES = 60;

/** Seed the demo when the database has no users. Returns false when it already had data. */
/** `baseUrl` is the installation's address: the demo's xAPI statements and credentials are issued under it. */
export async function seedDemo(
  db: Db,
  password: string,
  keyring: Keyring,
  baseUrl = 'http://localhost:3000',
): Promise<boolean> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((existing[0]?.n ?? 0) > 0) return false;
  const regionId = await ensureRegion(db, '07', 'Region Kronoberg');
  await createProgramme(db, {
    regionId,
    name: 'Kompetens i Kronoberg',
    startsOn: '2024-09-01',
    endsOn: '2027-08-31',
    ruleSet: 'esf-plus-2021-2027',
    funders: [
      { name: 'Europeiska socialfonden (ESF+)', amountSek: 3_706_566 },
      { name: 'Region Kronoberg', amountSek: 1_235_522 },
    ],
  });
  const providers = [
    await createProvider(db, regionId, 'Smålands Yrkesakademi (demo)', null),
    await createProvider(db, regionId, 'Kronobergs Lärcentrum (demo)', null),
    await createProvider(db, regionId, 'Tekniksprånget Utbildning (demo)', null),
  ];
  const passwordHash = await hashPassword(password);
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    if (userIds.has(u.email)) continue;
    const id = randomUUID();
    await insertUser(db, { id, email: u.email, name: u.name, passwordHash, locale: 'sv' });
    userIds.set(u.email, id);
  }
  await setTotpSecret({ db, keyring }, userIds.get('esf@example.org') as string, DEMO_ESF_TOTP_SECRET);
  const adminId = userIds.get('region.admin@example.org') as string;
  for (const u of DEMO_USERS.filter((x) => !x.org.startsWith('company:'))) {
    let organisationId = regionId;
    if (u.org.startsWith('provider:')) organisationId = providers[Number(u.org.split(':')[1])];
    else if (/^\d{4}$/.test(u.org))
      organisationId = (await findMunicipalityOrganisation(db, u.org))?.id ?? regionId;
    await insertMembership(db, {
      id: randomUUID(),
      userId: userIds.get(u.email) as string,
      role: u.role,
      organisationId,
      companyId: null,
      createdBy: null,
    });
  }
  const admin = await actorForUser(db, adminId, 'session');
  if (!admin) throw new Error('demo admin missing');
  const r = rng(20261128);
  const companyIds: string[] = [];
  const names = new Set<string>();
  for (let i = 0; i < DEMO_COMPANIES; i++) {
    let input = demoCompany(r, i);
    // Names are drawn from short lists: draw again until the demo has no two companies of one name.
    while (names.has(input.name)) input = demoCompany(r, i);
    names.add(input.name);
    // The demo HR person represents the first two companies.
    if (i < 2)
      input.contacts.push({
        name: 'Hanna HR',
        roleTitle: 'HR-ansvarig',
        email: 'company@example.org',
        phone: null,
      });
    companyIds.push(await createCompany(db, { actor: admin, ip: '127.0.0.1' }, input));
  }
  for (const u of DEMO_USERS.filter((x) => x.org.startsWith('company:'))) {
    const companyId = companyIds[Number(u.org.split(':')[1])];
    const userId = userIds.get(u.email) as string;
    await insertMembership(db, {
      id: randomUUID(),
      userId,
      role: u.role,
      organisationId: null,
      companyId,
      createdBy: null,
    });
    if (u.role === 'company_contact') await linkContactsByEmail(db, companyId, u.email, userId);
  }
  const coachId = userIds.get('coach@example.org') as string;
  const coach2 = userIds.get('coach.alvesta@example.org') as string;
  const asAdmin = { actor: admin, ip: '127.0.0.1' };
  for (let i = 0; i < 12; i++) {
    await assignCoach(db, asAdmin, companyIds[i], i % 3 === 2 ? coach2 : coachId, [coachId, coach2]);
  }
  const rounds = await seedMappingsDemo(db, admin, companyIds, r);
  await seedInsightsDemo(db, regionId, [rounds.start, rounds.followUp]);
  await seedStaffTime(db);
  const actorOf = async (id: string) => {
    const a = await actorForUser(db, id, 'session');
    if (!a) throw new Error('demo user missing');
    return a;
  };
  const [coachActor, coach2Actor, contactActor] = await Promise.all([
    actorOf(coachId),
    actorOf(coach2),
    actorOf(userIds.get('company@example.org') as string),
  ]);
  await seedCoachingDemo(db, companyIds, {
    admin,
    coachOf: (i) => (i % 3 === 2 ? coach2Actor : coachActor),
    contact: contactActor,
  });
  // Pillar 3: the catalogue, enrolments with a waitlist, attendance of a past occasion, and the unmet demand
  // published to the providers.
  const demoCatalogue = await seedTrainingCatalogue(db, admin, providers, catalogue);
  await seedTrainingEnrolment(db, {
    companyIds,
    occasionIds: demoCatalogue.occasionIds.slice(0, 3),
  });
  await seedTrainingAttendanceDemo(db, {
    regionId,
    providerOrgId: providers[0] as string,
    companyIds,
    recordedBy: userIds.get('provider@example.org') as string,
    participantUserId: userIds.get('participant@example.org') ?? null,
  });
  await publishUnmetDemo(db, admin);
  // Pillar 4: digital courses of the demo providers (one also a catalogue course, one with a draft v2).
  await seedElearningCourses(db);
  await seedElearningLearners(db, baseUrl, keyring);
  await seedLtiDemo(db);
  await seedXapiDemo(db);
  // ESF administration: participants with sealed identities, SCB months, certificates, budget, a report.
  const participantId = userIds.get('participant@example.org');
  await seedEsfDemo(db, keyring, {
    esfAdmin: await actorOf(userIds.get('esf@example.org') as string),
    participant: participantId ? await actorOf(participantId) : null,
    contact: contactActor,
  });
  // Trust: two accessibility reports, a retention decision with an open disposal proposal, and the log of
  // one export and one erasure request.
  await seedNoticesDemo(db, regionId);
  await seedRetentionDemo(db, regionId, userIds.get('region.admin@example.org') as string);
  await seedPrivacyDemo(db);
  return true;
}

/** One synthetic company as the same input a form or the API would give. */
export function demoCompany(
  r: () => number,
  serial: number,
  municipalityWeights = kronobergWeights,
): CompanyInput {
  const sniCode = weighted(r, sniWeights);
  const name = companyName(r, sniCode);
  const employees = employeeCount(r);
  const women = Math.round(employees * (0.15 + r() * 0.4));
  const municipality = weighted(r, municipalityWeights);
  const contactName = personName(r);
  const domain = `${slug(name).slice(0, 30)}.example`;
  const turnover = Math.round(employees * (900 + r() * 1500));
  const raw = {
    orgNumber: fictitiousOrgNumber(serial),
    name,
    sniCode,
    status: pick(r, ['interested', 'eligible', 'active', 'active', 'active', 'closed'] as const),
    foundVia: pick(r, [
      'municipality',
      'municipality',
      'region',
      'event',
      'website',
      'other_company',
    ] as const),
    employeesWomen: women,
    employeesMen: employees - women,
    turnoverTsek: turnover,
    balanceTsek: Math.round(turnover * (0.4 + r() * 0.5)),
    partOfGroup: r() < 0.1,
    workplaces: [
      {
        name: 'Huvudkontor',
        street: `Industrigatan ${1 + Math.floor(r() * 40)}`,
        municipalityCode: municipality,
      },
    ],
    contacts: [
      {
        name: contactName,
        roleTitle: pick(r, ['VD', 'HR-chef', 'Produktionschef', 'Ekonomichef']),
        email: `${slug(contactName)}@${domain}`,
        phone: `070-${String(1_000_000 + Math.floor(r() * 8_999_999)).slice(0, 7)}`,
      },
    ],
  };
  return companyInput.parse(raw);
}
