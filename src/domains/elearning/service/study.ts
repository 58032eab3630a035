// The study page (issue 7): does a common platform work, and for whom. Key figures of digital learning per
// course, provider, municipality and gender, the module funnel of one course version, with small numbers
// suppressed in the gender and municipality breakdowns (any cell describing fewer than 5 learners is null,
// shown as "< 5"). Aggregates come from SQL; this file validates the filters and applies the rules.
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import { isCalendarDate } from '../../../platform/http/forms.ts';
import { canSeeLearningStudy, studyRegions } from '../policy-study.ts';
import { type StudyAggRow, type StudyFilter, studyAggregates } from '../repo-study.ts';
import {
  courseVersions,
  type FunnelRow,
  moduleFunnel,
  studyChoices,
  type VersionChoice,
} from '../repo-study-funnel.ts';

/** The programme publishes the study: cells describing fewer learners than this are suppressed. */
export const SUPPRESS_BELOW = 5;
export const GENDERS = ['woman', 'man', 'other', 'unknown'] as const;

export interface StudyQuery {
  from?: string | undefined;
  to?: string | undefined;
  provider?: string | undefined;
  municipality?: string | undefined;
  course?: string | undefined;
  version?: string | undefined;
}

/** Every figure is null when unknown (nothing to measure) or suppressed (fewer than 5 learners). */
export interface KeyFigures {
  enrolled: number | null;
  active: number | null;
  completed: number | null;
  /** Whole per cent of the enrolled. */
  completionRate: number | null;
  medianDaysToComplete: number | null;
  minutesTotal: number | null;
  /** Per learner with any time on task. */
  minutesMean: number | null;
  /** Whole per cent of (learner, quiz) pairs passed at the first attempt. */
  quizFirstPassRate: number | null;
  /** Mean attempts up to the first pass, over passed (learner, quiz) pairs. */
  quizMeanAttempts: number | null;
  usefulnessMean: number | null;
  recommendMean: number | null;
  ratings: number | null;
}

export interface StudyRow extends KeyFigures {
  key: string;
  label: string;
  /** Some cell of the row is suppressed. */
  suppressed: boolean;
}

export interface StudyFunnel {
  versionId: string;
  version: number;
  title: string;
  modules: (FunnelRow & { dropOffRate: number | null })[];
}

export interface Study {
  filters: {
    from: string | null;
    to: string | null;
    provider: string | null;
    municipality: string | null;
    course: string | null;
    version: string | null;
  };
  suppressBelow: number;
  total: StudyRow;
  byCourse: StudyRow[];
  byProvider: StudyRow[];
  byMunicipality: StudyRow[];
  byGender: StudyRow[];
  /** The versions of the chosen course (the funnel's choice); empty without a course filter. */
  versions: VersionChoice[];
  funnel: StudyFunnel | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const ratio = (a: number, b: number) => (b > 0 ? round1(a / b) : null);

/** The raw filters checked: bad dates, ids or codes are field errors (422). */
export function parseFilters(regionIds: string[], q: StudyQuery): StudyFilter & { version: string | null } {
  const v = (s: string | undefined) => s?.trim() || null;
  const f = {
    regionIds,
    from: v(q.from),
    to: v(q.to),
    providerId: v(q.provider),
    municipality: v(q.municipality),
    courseId: v(q.course),
    version: v(q.version),
  };
  const errors: FieldError[] = [];
  if (f.from && !isCalendarDate(f.from)) errors.push({ field: 'from', message: 'validation.date' });
  if (f.to && !isCalendarDate(f.to)) errors.push({ field: 'to', message: 'validation.date' });
  if (errors.length === 0 && f.from && f.to && f.to < f.from)
    errors.push({ field: 'to', message: 'elearning.study.toBeforeFrom' });
  if (f.providerId && !UUID.test(f.providerId))
    errors.push({ field: 'provider', message: 'validation.choice' });
  if (f.courseId && !UUID.test(f.courseId)) errors.push({ field: 'course', message: 'validation.choice' });
  if (f.version && !UUID.test(f.version)) errors.push({ field: 'version', message: 'validation.choice' });
  if (f.municipality && !/^\d{4}$/.test(f.municipality))
    errors.push({ field: 'municipality', message: 'validation.choice' });
  if (errors.length > 0) throw validation(errors);
  return f;
}

/** The key figures of one group, unsuppressed. */
export function figuresOf(r: StudyAggRow): KeyFigures {
  return {
    enrolled: r.enrolled,
    active: r.active,
    completed: r.completed,
    completionRate: percent(r.completed, r.enrolled),
    medianDaysToComplete: round1(r.medianDays),
    minutesTotal: r.minutes,
    minutesMean: ratio(r.minutes, r.timeL),
    quizFirstPassRate: percent(r.firstPassed, r.quizzes),
    quizMeanAttempts: ratio(r.attemptsToPass, r.passedQuizzes),
    usefulnessMean: round1(r.usefulness),
    recommendMean: round1(r.recommend),
    ratings: r.ratings,
  };
}

/**
 * Small numbers: a cell is null when the learners it describes are fewer than 5 — a count by itself, a
 * rate or mean by the learners of its numerator and denominator.
 */
export function suppress(r: StudyAggRow, k: KeyFigures): KeyFigures {
  const few = (...n: number[]) => n.some((x) => x < SUPPRESS_BELOW);
  const keep = <T>(value: T, ...n: number[]) => (few(...n) ? null : value);
  return {
    enrolled: keep(k.enrolled, r.enrolledL),
    active: keep(k.active, r.activeL, r.enrolledL),
    completed: keep(k.completed, r.completedL, r.enrolledL),
    completionRate: keep(k.completionRate, r.completedL, r.enrolledL),
    medianDaysToComplete: keep(k.medianDaysToComplete, r.completedL),
    minutesTotal: keep(k.minutesTotal, r.timeL),
    minutesMean: keep(k.minutesMean, r.timeL),
    quizFirstPassRate: keep(k.quizFirstPassRate, r.quizL, r.firstPassL),
    quizMeanAttempts: keep(k.quizMeanAttempts, r.quizL),
    usefulnessMean: keep(k.usefulnessMean, r.ratingL),
    recommendMean: keep(k.recommendMean, r.ratingL),
    ratings: keep(k.ratings, r.ratingL),
  };
}

const EMPTY: Omit<StudyAggRow, 'dim' | 'key' | 'label'> = {
  enrolled: 0,
  enrolledL: 0,
  active: 0,
  activeL: 0,
  completed: 0,
  completedL: 0,
  medianDays: null,
  minutes: 0,
  timeL: 0,
  timeEnrolments: 0,
  quizzes: 0,
  quizL: 0,
  firstPassed: 0,
  firstPassL: 0,
  passedQuizzes: 0,
  attemptsToPass: 0,
  ratings: 0,
  ratingL: 0,
  usefulness: null,
  recommend: null,
};

function rowOf(r: StudyAggRow, suppressSmall: boolean): StudyRow {
  const all = figuresOf(r);
  const figures = suppressSmall ? suppress(r, all) : all;
  const suppressed = Object.entries(figures).some(
    ([k, v]) => v === null && all[k as keyof KeyFigures] !== null,
  );
  return { key: r.key, label: r.label, suppressed, ...figures };
}

async function funnelOf(db: Db, f: StudyFilter, versions: VersionChoice[], wanted: string | null) {
  if (!f.courseId) return null;
  const chosen = wanted
    ? versions.find((v) => v.id === wanted)
    : (versions.find((v) => v.status === 'published') ?? versions[0]);
  if (wanted && !chosen) throw validation([{ field: 'version', message: 'validation.choice' }]);
  if (!chosen) return null;
  const modules = await moduleFunnel(db, f, chosen.id);
  return {
    versionId: chosen.id,
    version: chosen.version,
    title: chosen.title,
    modules: modules.map((m) => ({ ...m, dropOffRate: percent(m.droppedOff, m.reached) })),
  };
}

/** The study of the actor's regions under the given filters. */
export async function study(db: Db, actor: Actor, q: StudyQuery): Promise<Study> {
  if (!canSeeLearningStudy(actor)) throw new AppError('FORBIDDEN');
  const f = parseFilters(studyRegions(actor), q);
  const [rows, versions] = await Promise.all([
    studyAggregates(db, f),
    f.courseId ? courseVersions(db, f.regionIds, f.courseId) : Promise.resolve([]),
  ]);
  const of = (dim: StudyAggRow['dim']) => rows.filter((r) => r.dim === dim);
  const total = of('total')[0] ?? { dim: 'total', key: '', label: '', ...EMPTY };
  const genders = GENDERS.map(
    (g) => of('gender').find((r) => r.key === g) ?? { dim: 'gender' as const, key: g, label: g, ...EMPTY },
  );
  return {
    filters: {
      from: f.from,
      to: f.to,
      provider: f.providerId,
      municipality: f.municipality,
      course: f.courseId,
      version: f.version,
    },
    suppressBelow: SUPPRESS_BELOW,
    total: rowOf(total, false),
    byCourse: of('course').map((r) => rowOf(r, false)),
    byProvider: of('provider').map((r) => rowOf(r, false)),
    byMunicipality: of('municipality').map((r) => rowOf(r, true)),
    byGender: genders.map((r) => rowOf(r, true)),
    versions,
    funnel: await funnelOf(db, f, versions, f.version),
  };
}

/** The page's filter choices over the actor's regions. */
export async function studyChoicesOf(db: Db, actor: Actor): ReturnType<typeof studyChoices> {
  if (!canSeeLearningStudy(actor)) throw new AppError('FORBIDDEN');
  return studyChoices(db, studyRegions(actor));
}
