// Demo training catalogue: twelve approved courses across the three demo providers, teaching the JobTech
// competences of the occupations the demo mappings ask for (welding 7212, maintenance 7233, …), with mixed
// financing (some procured under a programme contract), one or two occasions each in the coming months with
// two to four sessions, plus one draft and one submitted course.
import { competencesForSsyk } from '../domains/reference/index.ts';
import type { Actor } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';

type Format = 'classroom' | 'digital' | 'blended';
type Financing = 'procured' | 'company' | 'public';

/**
 * The catalogue services the seed uses: pass `catalogue` from '../domains/training/index.ts'
 * (`export * as catalogue from './service/catalogue-exports.ts'`). Taken as a parameter so that the demo
 * depends on the training domain only through its index.
 */
export interface CatalogueSeedApi {
  createCourse(db: Db, actor: Actor, input: CourseSeedInput, ip?: string | null): Promise<string>;
  changeStatus(
    db: Db,
    actor: Actor,
    id: string,
    action: 'submit' | 'approve' | 'withdraw',
    ip?: string | null,
  ): Promise<unknown>;
  createOccasion(
    db: Db,
    actor: Actor,
    courseId: string,
    input: {
      startsOn: string;
      endsOn: string;
      seats: number;
      enrolmentDeadline: string;
      municipalityCode: string | null;
      location: string | null;
      onlineLink: string | null;
    },
    ip?: string | null,
  ): Promise<string>;
  addSession(
    db: Db,
    actor: Actor,
    occasionId: string,
    input: {
      date: string;
      start: string;
      end: string;
      activity: 'teaching' | 'practice' | 'digital' | 'exam';
      location: string | null;
    },
    ip?: string | null,
  ): Promise<string>;
}

interface CourseSeedInput {
  providerOrgId: string | null;
  title: string;
  description: string;
  competences: string[];
  sunFieldCode: string | null;
  sunLevelCode: string | null;
  targetGroup: string;
  format: Format;
  hours: number;
  language: 'sv';
  municipalityCode: string | null;
  address: string | null;
  priceSek: number;
  prerequisites: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  financing: Financing;
  contractReference: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  completionAttendancePct: number;
  issuesCredential: boolean;
}

interface DemoCourse {
  title: string;
  description: string;
  ssyk: string;
  provider: number;
  format: Format;
  hours: number;
  municipality: string;
  financing: Financing;
  priceSek: number;
  occasions: number;
  status?: 'draft' | 'submitted';
}

const COURSES: DemoCourse[] = [
  {
    title: 'Svetsning MIG/MAG grundkurs',
    description:
      'Grundläggande svetsning i stål med MIG/MAG för blivande svetsare: säkerhet, fogberedning och svetsprov.',
    ssyk: '7212',
    provider: 0,
    format: 'classroom',
    hours: 40,
    municipality: '0780',
    financing: 'procured',
    priceSek: 9500,
    occasions: 2,
  },
  {
    title: 'TIG-svetsning i rostfritt',
    description: 'TIG-svetsning i rostfritt stål och aluminium för dig som redan svetsar.',
    ssyk: '7212',
    provider: 2,
    format: 'classroom',
    hours: 32,
    municipality: '0781',
    financing: 'company',
    priceSek: 12000,
    occasions: 1,
  },
  {
    title: 'Underhållsteknik – hydraulik och pneumatik',
    description: 'Felsökning och underhåll av hydrauliska och pneumatiska system i produktionen.',
    ssyk: '7233',
    provider: 0,
    format: 'blended',
    hours: 36,
    municipality: '0780',
    financing: 'procured',
    priceSek: 8000,
    occasions: 2,
  },
  {
    title: 'Förebyggande underhåll och felsökning',
    description: 'Planera förebyggande underhåll, läsa scheman och felsöka maskiner systematiskt.',
    ssyk: '7233',
    provider: 1,
    format: 'classroom',
    hours: 24,
    municipality: '0764',
    financing: 'public',
    priceSek: 0,
    occasions: 1,
  },
  {
    title: 'Ytbehandling och industrilackering',
    description: 'Förbehandling, lackering och kvalitetskontroll av ytor i industrin.',
    ssyk: '8121',
    provider: 2,
    format: 'classroom',
    hours: 20,
    municipality: '0765',
    financing: 'company',
    priceSek: 6500,
    occasions: 1,
  },
  {
    title: 'Montering och ritningsläsning',
    description: 'Läsa ritningar och montera efter instruktion, med mätteknik och toleranser.',
    ssyk: '8211',
    provider: 0,
    format: 'blended',
    hours: 28,
    municipality: '0780',
    financing: 'procured',
    priceSek: 7000,
    occasions: 2,
  },
  {
    title: 'YKB fortbildning för lastbilschaufförer',
    description: 'Yrkeskompetensbevis, fortbildning 35 timmar: sparsam körning, lastsäkring och arbetsmiljö.',
    ssyk: '8332',
    provider: 1,
    format: 'classroom',
    hours: 35,
    municipality: '0781',
    financing: 'company',
    priceSek: 7900,
    occasions: 1,
  },
  {
    title: 'Elsäkerhet för servicetekniker',
    description: 'Elsäkerhetsanvisningar (ESA), arbete nära spänning och felsökning i elanläggningar.',
    ssyk: '7411',
    provider: 2,
    format: 'classroom',
    hours: 16,
    municipality: '0780',
    financing: 'procured',
    priceSek: 4500,
    occasions: 2,
  },
  {
    title: 'Ekonomi och bokföring i praktiken',
    description:
      'Löpande bokföring, fakturering och bokslut i småföretag – digitalt i egen takt med lärarstöd.',
    ssyk: '4111',
    provider: 1,
    format: 'digital',
    hours: 30,
    municipality: '0780',
    financing: 'public',
    priceSek: 0,
    occasions: 1,
  },
  {
    title: 'Programmering i Python för industrin',
    description: 'Automatisera mätdata och rapporter med Python: grunder, filer och enkla gränssnitt.',
    ssyk: '2512',
    provider: 2,
    format: 'digital',
    hours: 40,
    municipality: '0780',
    financing: 'company',
    priceSek: 14000,
    occasions: 1,
  },
  {
    title: 'Kundbemötande och försäljning i butik',
    description: 'Kundmöte, merförsäljning och hantering av reklamationer i butik.',
    ssyk: '5223',
    provider: 1,
    format: 'blended',
    hours: 12,
    municipality: '0764',
    financing: 'public',
    priceSek: 0,
    occasions: 1,
  },
  {
    title: 'Svetsning för underhållspersonal',
    description: 'Reparationssvetsning i underhållet: MMA och MIG/MAG på befintliga konstruktioner.',
    ssyk: '7212',
    provider: 0,
    format: 'classroom',
    hours: 24,
    municipality: '0781',
    financing: 'procured',
    priceSek: 6000,
    occasions: 1,
  },
  {
    title: 'Robotsvetsning – programmering',
    description: 'Programmera och ställa in svetsrobotar (utkast).',
    ssyk: '7212',
    provider: 0,
    format: 'classroom',
    hours: 32,
    municipality: '0780',
    financing: 'company',
    priceSek: 15000,
    occasions: 0,
    status: 'draft',
  },
  {
    title: 'Lean i tillverkningen',
    description: 'Flöden, 5S och ständiga förbättringar i produktionen (inskickad för godkännande).',
    ssyk: '8211',
    provider: 1,
    format: 'blended',
    hours: 18,
    municipality: '0765',
    financing: 'company',
    priceSek: 5000,
    occasions: 0,
    status: 'submitted',
  },
];

const SESSION_TIMES: [string, string][] = [
  ['08:00', '16:00'],
  ['08:30', '15:30'],
  ['09:00', '12:00'],
  ['13:00', '16:30'],
];

function isoDay(base: Date, offset: number): string {
  const d = new Date(base);
  d.setUTCDate(d.getUTCDate() + offset);
  // Sessions on weekdays only: move Saturday and Sunday to Monday.
  const dow = d.getUTCDay();
  if (dow === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (dow === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface DemoCatalogue {
  /** Approved courses, in the order above. */
  courseIds: string[];
  occasionIds: string[];
  draftCourseId: string;
  submittedCourseId: string;
}

/**
 * Seeds the demo catalogue with the region admin as author (admins may add courses for any provider of
 * their region). `providerIds` are the three demo provider organisations (seed.ts `providers`).
 */
export async function seedTrainingCatalogue(
  db: Db,
  admin: Actor,
  providerIds: string[],
  catalogue: CatalogueSeedApi,
  today: Date = new Date(),
): Promise<DemoCatalogue> {
  const courses = catalogue;
  const occasions = catalogue;
  const competenceCache = new Map<string, string[]>();
  const out: DemoCatalogue = { courseIds: [], occasionIds: [], draftCourseId: '', submittedCourseId: '' };
  for (const [i, c] of COURSES.entries()) {
    let competences = competenceCache.get(c.ssyk);
    if (!competences) {
      competences = (await competencesForSsyk(db, c.ssyk)).slice(0, 6).map((x) => x.conceptId);
      competenceCache.set(c.ssyk, competences);
    }
    const providerOrgId = providerIds[c.provider % providerIds.length] as string;
    const procured = c.financing === 'procured';
    const id = await courses.createCourse(
      db,
      admin,
      {
        providerOrgId,
        title: c.title,
        description: c.description,
        competences: competences.slice(0, 3 + (i % 2)),
        sunFieldCode: null,
        sunLevelCode: null,
        targetGroup: 'Anställda i små och medelstora företag i Kronoberg.',
        format: c.format,
        hours: c.hours,
        language: 'sv',
        municipalityCode: c.municipality,
        address: c.format === 'digital' ? null : 'Storgatan 1',
        priceSek: c.priceSek,
        prerequisites: '',
        contactName: 'Kursansvarig (demo)',
        contactEmail: 'kurser@example.org',
        contactPhone: null,
        financing: c.financing,
        contractReference: procured ? `RK-LOU-2025-${String(10 + i)}` : null,
        contractFrom: procured ? '2025-01-01' : null,
        contractTo: procured ? '2027-08-31' : null,
        completionAttendancePct: 80,
        issuesCredential: i % 3 === 0,
      },
      '127.0.0.1',
    );
    if (c.status === 'draft') {
      out.draftCourseId = id;
      continue;
    }
    await courses.changeStatus(db, admin, id, 'submit', '127.0.0.1');
    if (c.status === 'submitted') {
      out.submittedCourseId = id;
      continue;
    }
    await courses.changeStatus(db, admin, id, 'approve', '127.0.0.1');
    out.courseIds.push(id);
    for (let k = 0; k < c.occasions; k++) {
      const start = 14 + ((i * 9) % 40) + k * 45;
      const sessions = 2 + ((i + k) % 3);
      const days = Array.from({ length: sessions }, (_, n) => isoDay(today, start + n * 2));
      const occasionId = await occasions.createOccasion(
        db,
        admin,
        id,
        {
          startsOn: days[0] as string,
          endsOn: days[days.length - 1] as string,
          seats: 8 + ((i * 3) % 10),
          enrolmentDeadline: isoDay(today, start - 7),
          municipalityCode: c.municipality,
          location: c.format === 'digital' ? null : 'Utbildningslokalen, Storgatan 1',
          onlineLink: c.format === 'classroom' ? null : 'https://example.org/kursrum',
        },
        '127.0.0.1',
      );
      for (const [n, date] of days.entries()) {
        const [startTime, endTime] = SESSION_TIMES[(i + n) % SESSION_TIMES.length] as [string, string];
        await occasions.addSession(
          db,
          admin,
          occasionId,
          {
            date,
            start: startTime,
            end: endTime,
            activity:
              c.format === 'digital'
                ? 'digital'
                : n === days.length - 1
                  ? 'exam'
                  : n % 2
                    ? 'practice'
                    : 'teaching',
            location: null,
          },
          '127.0.0.1',
        );
      }
      out.occasionIds.push(occasionId);
    }
  }
  return out;
}
