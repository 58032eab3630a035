// The xAPI statements of the product's own learning events (issue 7): ADL verbs, activity ids under the
// base URL, the enrolment as `context.registration`, the course as parent. Actors are account-based
// (`learnerAgent`: the internal user id), never an e-mail address or a personnummer.
import { learnerAgent, type ProductStatement } from '../../xapi/index.ts';
import type { CourseContent, LessonView, QuestionView } from '../types.ts';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const TYPE = 'http://adlnet.gov/expapi/activities/';
export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';

export const verbs = {
  launched: { id: `${ADL}launched`, display: { 'sv-SE': 'startade', 'en-US': 'launched' } },
  progressed: { id: `${ADL}progressed`, display: { 'sv-SE': 'gjorde framsteg i', 'en-US': 'progressed' } },
  answered: { id: `${ADL}answered`, display: { 'sv-SE': 'besvarade', 'en-US': 'answered' } },
  passed: { id: `${ADL}passed`, display: { 'sv-SE': 'klarade', 'en-US': 'passed' } },
  failed: { id: `${ADL}failed`, display: { 'sv-SE': 'klarade inte', 'en-US': 'failed' } },
  completed: { id: `${ADL}completed`, display: { 'sv-SE': 'slutförde', 'en-US': 'completed' } },
} as const;

/** Who, which enrolment, which course: what every statement of one enrolment shares. */
export interface StatementScope {
  baseUrl: string;
  userId: string;
  enrolmentId: string;
  content: CourseContent;
  at?: Date;
}

const courseId = (s: StatementScope) => `${s.baseUrl}/learning/activities/course/${s.content.courseId}`;
const lang = (c: CourseContent) => (c.language === 'en' ? 'en-US' : 'sv-SE');

function base(
  s: StatementScope,
  verb: keyof typeof verbs,
  object: ProductStatement['object'],
): ProductStatement {
  const statement: ProductStatement = {
    actor: learnerAgent(s.baseUrl, s.userId),
    verb: verbs[verb],
    object,
    context: {
      registration: s.enrolmentId,
      platform: 'Kompetensnavet',
      language: lang(s.content),
    },
    timestamp: (s.at ?? new Date()).toISOString(),
  };
  if (object.id !== courseId(s))
    statement.context = {
      ...statement.context,
      contextActivities: { parent: [{ id: courseId(s), objectType: 'Activity' }] },
    };
  return statement;
}

const courseObject = (s: StatementScope): ProductStatement['object'] => ({
  objectType: 'Activity',
  id: courseId(s),
  definition: { type: `${TYPE}course`, name: { [lang(s.content)]: s.content.title } },
});

const lessonObject = (s: StatementScope, lesson: LessonView): ProductStatement['object'] => ({
  objectType: 'Activity',
  id: `${s.baseUrl}/learning/activities/lesson/${lesson.key}`,
  definition: {
    type: lesson.kind === 'quiz' ? `${TYPE}assessment` : `${TYPE}lesson`,
    name: { [lang(s.content)]: lesson.title },
  },
});

export const launched = (s: StatementScope): ProductStatement => base(s, 'launched', courseObject(s));

export function progressed(s: StatementScope, lesson: LessonView, percent: number): ProductStatement {
  return {
    ...base(s, 'progressed', lessonObject(s, lesson)),
    result: { completion: true, extensions: { [PROGRESS_EXTENSION]: percent } },
  };
}

/** One answered quiz question: a cmi.interaction choice; the response lists the chosen option positions. */
export function answered(
  s: StatementScope,
  q: QuestionView,
  chosen: string[],
  right: boolean,
): ProductStatement {
  const positions = q.options.filter((o) => chosen.includes(o.id)).map((o) => String(o.position));
  return {
    ...base(s, 'answered', {
      objectType: 'Activity',
      id: `${s.baseUrl}/learning/activities/question/${q.key}`,
      definition: {
        type: `${TYPE}cmi.interaction`,
        name: { [lang(s.content)]: q.prompt },
        interactionType: 'choice',
        choices: q.options.map((o) => ({
          id: String(o.position),
          description: { [lang(s.content)]: o.label },
        })),
        correctResponsesPattern: [
          q.options
            .filter((o) => o.correct)
            .map((o) => String(o.position))
            .join('[,]'),
        ],
      },
    }),
    result: { response: positions.join('[,]'), success: right },
  };
}

/** The quiz as a whole: passed or failed, with the score. */
export function quizOutcome(
  s: StatementScope,
  lesson: LessonView,
  r: { score: number; max: number; passed: boolean },
): ProductStatement {
  return {
    ...base(s, r.passed ? 'passed' : 'failed', lessonObject(s, lesson)),
    result: {
      success: r.passed,
      // xAPI needs min < max: a quiz without questions (never publishable) reports no score.
      ...(r.max > 0 ? { score: { scaled: r.score / r.max, raw: r.score, min: 0, max: r.max } } : {}),
    },
  };
}

export const completed = (s: StatementScope): ProductStatement => ({
  ...base(s, 'completed', courseObject(s)),
  result: { completion: true, extensions: { [PROGRESS_EXTENSION]: 100 } },
});
