// The study's query (page, exports and API) and the API's response schema (OpenAPI and the answer's shape).
import { z } from 'zod';

const str = (max: number) => z.string().max(max).optional().catch(undefined);

/** Filters as raw strings: the service checks them (field errors), so a bad value re-renders the page. */
export const studyQuery = z.object({
  from: str(20),
  to: str(20),
  provider: str(40),
  municipality: str(10),
  course: str(40),
  version: str(40),
});

const n = z.number().nullable();
const row = z.object({
  key: z.string(),
  label: z.string(),
  suppressed: z.boolean(),
  enrolled: n,
  active: n,
  completed: n,
  completionRate: n,
  medianDaysToComplete: n,
  minutesTotal: n,
  minutesMean: n,
  quizFirstPassRate: n,
  quizMeanAttempts: n,
  usefulnessMean: n,
  recommendMean: n,
  ratings: n,
});

const nullableString = z.string().nullable();

export const studyOut = z.object({
  filters: z.object({
    from: nullableString,
    to: nullableString,
    provider: nullableString,
    municipality: nullableString,
    course: nullableString,
    version: nullableString,
  }),
  suppressBelow: z.number().int(),
  total: row,
  byCourse: z.array(row),
  byProvider: z.array(row),
  byMunicipality: z.array(row),
  byGender: z.array(row),
  versions: z.array(
    z.object({
      id: z.string(),
      courseId: z.string(),
      version: z.number().int(),
      status: z.string(),
      title: z.string(),
    }),
  ),
  funnel: z
    .object({
      versionId: z.string(),
      version: z.number().int(),
      title: z.string(),
      modules: z.array(
        z.object({
          moduleId: z.string(),
          position: z.number().int(),
          title: z.string(),
          reached: z.number().int(),
          completed: z.number().int(),
          droppedOff: z.number().int(),
          dropOffRate: n,
        }),
      ),
    })
    .nullable(),
});
