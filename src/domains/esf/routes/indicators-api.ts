// Response schemas of the ESF indicators and progress-report API (OpenAPI and the answer's shape).
import { z } from 'zod';
import { FIGURES } from '../service/indicators.ts';

const breakdown = z.object({
  key: z.string(),
  label: z.string(),
  women: z.number(),
  men: z.number(),
  total: z.number(),
});

export const indicatorsOut = z.object({
  programme: z.object({ name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  from: z.string(),
  to: z.string(),
  figures: z.array(
    z.object({
      figure: z.enum(FIGURES),
      value: z.number(),
      target: z.number().nullable(),
      percent: z.number().nullable(),
    }),
  ),
  ageBands: z.array(breakdown),
  byMunicipality: z.array(breakdown),
  byCompany: z.array(breakdown),
});

const person = {
  id: z.string().uuid(),
  firstName: z.string(),
  lastName: z.string(),
  masked: z.string().nullable(),
};

export const rowsOut = z.object({
  figure: z.enum(FIGURES),
  from: z.string(),
  to: z.string(),
  result: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('participants'),
      rows: z.array(
        z.object({
          ...person,
          gender: z.enum(['woman', 'man']),
          ageAtStart: z.number().nullable(),
          ageBand: z.string(),
          companyId: z.string().uuid(),
          companyName: z.string(),
          municipalityName: z.string().nullable(),
          startedOn: z.string(),
        }),
      ),
    }),
    z.object({
      kind: z.literal('companies'),
      rows: z.array(
        z.object({
          companyId: z.string().uuid(),
          companyName: z.string(),
          municipalityName: z.string().nullable(),
          date: z.string(),
        }),
      ),
    }),
    z.object({ kind: z.literal('hours'), rows: z.array(z.object({ ...person, hours: z.number() })) }),
  ]),
});

const reportBase = {
  id: z.string().uuid(),
  periodFrom: z.string(),
  periodTo: z.string(),
  activities: z.string(),
  deviations: z.string(),
  version: z.number().int(),
  updatedAt: z.date(),
  updatedByName: z.string().nullable(),
};

export const reportListOut = z.array(z.object(reportBase));
export const reportOut = z.object({ ...reportBase, indicators: indicatorsOut });
