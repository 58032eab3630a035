// Demo data of the ESF administration: the programme's rules and unit costs, participants registered from
// the demo's learners with attendance and the company people who received coaching (fictitious,
// Luhn-correct personnummer in the 9xx serial series), SCB months produced up to last month, time
// certificates of last and this month (some signed), a budget and a progress-report draft.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { luhnCheckDigit } from '../../../platform/identifiers.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { participantInput, rulesInput } from '../schema.ts';
import { awaitingCountersignature, generateMonth, listMonth, myCertificates } from './certificates.ts';
import { confirmOwn, countersign, recordPaper } from './certificates-sign.ts';
import { budgetInput, setBudget } from './economy.ts';
import {
  closeParticipant,
  getParticipant,
  registerParticipant,
  registrationSources,
  swedishToday,
} from './participants.ts';
import { currentProgramme, saveRules, saveUnitCost } from './programme.ts';
import { createReport } from './progress-reports.ts';
import { markMonthSent, monthsBetween, produceMonth } from './scb.ts';

/** A fictitious personnummer: born 1965–2000, serial 9nn (not used for real people here), gender by index. */
export function demoPersonnummer(i: number): string {
  const year = 1965 + ((i * 7) % 36);
  const month = String((i % 12) + 1).padStart(2, '0');
  const dayOfMonth = String((i % 27) + 1).padStart(2, '0');
  const gender = (i * 3) % 10;
  const body = `${String(year).slice(2)}${month}${dayOfMonth}9${i % 10}${gender}`;
  return `${year}${month}${dayOfMonth}-${body.slice(6)}${luhnCheckDigit(body)}`;
}

const monthOf = (d: string) => d.slice(0, 7);
const previousMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
};

export async function seedEsfDemo(
  db: Db,
  keyring: Keyring,
  actors: { esfAdmin: Actor; participant: Actor | null; contact: Actor | null },
): Promise<{ participants: number }> {
  const ctx = { actor: actors.esfAdmin, ip: '127.0.0.1' };
  const p = await currentProgramme(db, actors.esfAdmin);
  await saveRules(
    db,
    ctx,
    rulesInput.parse({
      scbColumns: p.rules.scbColumns.join(','),
      grants: p.rules.grants.map((g) => `${g.funder}: ${g.amountSek}`).join('\n'),
      indirectCosts15: 'on',
      targetCompanies: '60',
      targetParticipantsWomen: '180',
      targetParticipantsMen: '270',
      targetHours: '9000',
      targetPlans: '40',
      informationText: p.rules.informationText,
      inactiveDays: '90',
      deminimisCeilingEur: '300000',
      sekPerEur: '11,5',
      retentionYears: '10',
    }),
  );
  const first = Number(p.startsOn.slice(0, 4));
  const last = Number(p.endsOn.slice(0, 4));
  for (let year = first; year <= last; year++)
    await saveUnitCost(db, ctx, {
      year,
      participantHourSek: 285 + (year - first) * 10,
      staffHourSek: 560 + (year - first) * 15,
    });

  // Participants: learners with attendance first, then coached company people.
  const sources = await registrationSources(db, ctx);
  const learners = sources.learners.filter((l) => l.firstAttended !== null);
  const ids: string[] = [];
  let i = 0;
  const register = async (input: Record<string, unknown>) => {
    i++;
    try {
      const { id } = await registerParticipant(
        db,
        keyring,
        ctx,
        participantInput.parse({
          ...input,
          personnummer: demoPersonnummer(i),
          informationAcknowledged: 'on',
          eligibilityConfirmed: 'on',
        }),
      );
      ids.push(id);
    } catch (err) {
      // A company outside the rules (not an SME) is skipped, as the form would refuse it.
      if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
    }
  };
  for (const l of learners)
    await register({
      source: 'enrolment',
      learnerId: l.learnerId,
      firstName: l.firstName,
      lastName: l.lastName,
      managerName: 'Hanna HR',
    });
  for (const a of sources.attendees.slice(0, 6)) {
    const parts = a.name.split(' ');
    await register({
      source: 'coaching',
      attendeeId: a.attendeeId,
      firstName: parts.slice(0, -1).join(' ') || a.name,
      lastName: parts[parts.length - 1] ?? a.name,
      managerName: 'Vd (demo)',
    });
  }
  // One participation ended at its last activity.
  for (const id of ids) {
    const row = await getParticipant(db, ctx, id);
    if (row.startedOn && row.lastActivity && row.source === 'coaching') {
      await closeParticipant(db, ctx, id, {
        endedOn: row.lastActivity,
        reason: 'Coachningen avslutad',
        version: row.version,
      });
      break;
    }
  }

  // SCB: every month up to last month produced in order; all but the last marked as sent.
  const today = swedishToday();
  const lastMonth = previousMonth(monthOf(today));
  const overviewFirst = monthOf(p.startsOn);
  const months = monthsBetween(overviewFirst, lastMonth);
  for (const m of months) await produceMonth(db, keyring, ctx, m, null);
  for (const m of months.slice(0, -1)) await markMonthSent(db, ctx, m, null);

  // Certificates of last month and this month; the participant confirms, the company's HR countersigns.
  for (const m of [lastMonth, monthOf(today)]) await generateMonth(db, ctx, m);
  if (actors.participant) {
    const pctx = { actor: actors.participant, ip: '127.0.0.1' };
    for (const c of await myCertificates(db, actors.participant))
      if (c.status === 'draft') await confirmOwn(db, pctx, c.id);
  }
  if (actors.contact) {
    const waiting = await awaitingCountersignature(db, actors.contact);
    if (waiting.length > 0)
      await countersign(
        db,
        { actor: actors.contact, ip: '127.0.0.1' },
        waiting.map((c) => c.id),
      );
  }
  // Last month's certificates were signed on paper (wet ink) and recorded by the ESF administrator.
  for (const c of (await listMonth(db, actors.esfAdmin, lastMonth)).rows.filter((x) => x.status === 'draft'))
    await recordPaper(db, ctx, c.id, {
      participantName: `${c.firstName} ${c.lastName}`,
      managerName: 'Vd (demo)',
    });

  // A budget per month of the programme and a progress-report draft up to last month.
  for (const m of monthsBetween(overviewFirst, monthOf(p.endsOn)))
    await setBudget(
      db,
      ctx,
      m,
      budgetInput.parse({
        personnel: '62000',
        services: '18000',
        flat_rate: '9300',
        participant_cofinancing: '28000',
      }),
    );
  await createReport(db, ctx, { periodFrom: p.startsOn, periodTo: `${lastMonth}-28` });
  return { participants: ids.length };
}
