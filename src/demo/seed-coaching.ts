// Demo coaching (Pillar 2): engagements at every step for the demo coaches' companies, with held and planned
// meetings, plans built from the mapping's gaps and adopted, action progress and follow-ups — so the caseload,
// the board and the engagement pages show something on a first start. All through the domain's services.
// Company 1 (the demo HR contact's second company) is left without an engagement, so that the journey
// "officer starts it and assigns a coach → meetings → plan from the gaps → the company adopts" can be tried.
import { coachingDemo as coaching, type Step } from '../domains/coaching/index.ts';
import type { Actor } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';

const PATH: Step[] = [
  'current_state',
  'mapping',
  'analysis',
  'plan',
  'implementation',
  'follow_up',
  'closed',
];
/** The step each demo engagement reaches, by company index. */
const TARGETS: [number, Step][] = [
  [0, 'implementation'],
  [2, 'intake'],
  [3, 'current_state'],
  [4, 'mapping'],
  [5, 'analysis'],
  [6, 'plan'],
  [7, 'implementation'],
  [8, 'follow_up'],
  [9, 'analysis'],
  [10, 'plan'],
  [11, 'closed'],
];

const NOTES = [
  '**Nuläge:** företaget växer inom svets och montage. Svårt att rekrytera svetsare med rätt certifikat.\n\n- Två medarbetare går i pension inom två år\n- Ledningen vill ha en plan före budgetarbetet',
  '**Genomgång av kartläggningen.** Störst gap inom certifiering och underhåll av styrsystem.\n\nFöretaget prioriterar intern utbildning och validering före rekrytering.',
  '**Planarbete:** förslagen till åtgärder gicks igenom och ansvariga utsågs för varje åtgärd.',
];
/** Managers and HR staff at the demo companies who take part in the coaching (invented names). */
const MANAGERS = [
  { name: 'Lena Holm', roleTitle: 'Produktionschef' },
  { name: 'Ahmed Karimi', roleTitle: 'HR-ansvarig' },
  { name: 'Sofia Berg', roleTitle: 'Vd' },
  { name: 'Mikael Nyström', roleTitle: 'Kvalitetschef' },
  { name: 'Eva Lind', roleTitle: 'Personalchef' },
  { name: 'Johan Ek', roleTitle: 'Verkstadschef' },
];

const AGENDA = [
  'Programmet, nuläge och behov',
  'Kartläggningens resultat, prioriteringar',
  'Förslag till plan',
];

function isoDay(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
}

export interface CoachingDemoActors {
  admin: Actor;
  /** The coach actor of a company index. */
  coachOf: (i: number) => Actor;
  /** The demo company contact (company 0's). */
  contact: Actor;
}

export async function seedCoachingDemo(db: Db, companyIds: string[], who: CoachingDemoActors): Promise<void> {
  const asAdmin = { actor: who.admin, ip: '127.0.0.1' };
  for (const [n, [i, target]] of TARGETS.entries()) {
    const companyId = companyIds[i] as string;
    const coach = who.coachOf(i);
    const asCoach = { actor: coach, ip: '127.0.0.1' };
    const municipality = await coaching.companyMunicipalities(db, companyId);
    const id = await coaching.createEngagement(db, asAdmin, {
      companyId,
      municipalityCode: municipality[0] as string,
      coachId: coach.userId,
    });
    const meeting = async (days: number, k: number, held: boolean) =>
      coaching.createMeeting(db, asCoach, id, {
        heldOn: isoDay(days),
        startsAt: '09:00',
        endsAt: k === 2 ? '11:30' : '10:30',
        kind: k === 1 ? 'digital' : 'on_site',
        status: held ? 'held' : 'planned',
        location: k === 1 ? 'Teams' : 'Hos företaget',
        agenda: AGENDA[k % AGENDA.length],
        notes: held ? NOTES[k % NOTES.length] : '',
        decisions: held ? 'Företaget går vidare till nästa steg.' : '',
        nextSteps: held ? 'Coachen skickar underlag före nästa möte.' : '',
        staffAttendees: [coach.userId],
        // The company's own people who receive coaching (ESF participants once registered).
        otherAttendees: held ? [MANAGERS[i % MANAGERS.length] as { name: string; roleTitle: string }] : [],
      });
    if (target === 'intake') {
      await meeting(5 + n, 0, false);
      continue;
    }
    await coaching.saveIntake(db, asAdmin, id, {
      smeChecked: true,
      inCountyChecked: true,
      agreementSignedOn: isoDay(-120 + n),
      agreementReference: `RK 2026/${100 + n}`,
      plannedHours: 15,
    });
    await meeting(-90 + n, 0, true);
    for (const step of PATH) {
      if (step === 'implementation') {
        await coaching.buildFromGaps(db, asCoach, id);
        await coaching.adoptPlan(db, i === 0 ? { actor: who.contact, ip: '127.0.0.1' } : asCoach, id, {
          adoptedByName: i === 0 ? null : 'Företagets VD',
        });
      }
      await coaching.changeStep(db, asCoach, id, { to: step, reason: null });
      if (step === 'analysis') await meeting(-45 + n, 1, true);
      if (step === 'plan') await meeting(-20 + n, 2, true);
      // Progress on the plan, before a closed engagement becomes read-only.
      if (step === 'implementation' && target === 'implementation')
        await coaching.demoProgress(db, asCoach, id, { backdateDays: 40 });
      if (step === 'follow_up') await coaching.demoProgress(db, asCoach, id, { backdateDays: 200 });
      if (step === target) break;
    }
    if (target !== 'closed') await meeting(3 + n, 1, false);
  }
}
