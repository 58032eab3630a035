import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';
import { codePattern, dims, measures } from './dims.ts';

const code = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().regex(codePattern, 'validation.invalid').optional(),
);

export const rollupQuery = z.object({
  rows: z.enum(dims).default('municipality'),
  cols: z.enum([...dims, 'all'] as const).default('sniSection'),
  measure: z.enum(measures).default('people'),
  round: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.uuid').optional()),
  municipality: code,
  sniSection: code,
  sniDivision: code,
  ssykMajor: code,
  ssykUnit: code,
  competence: code,
  urgency: code,
  strategy: code,
});
export type RollupQueryInput = z.infer<typeof rollupQuery>;

export const roundQuery = z.object({
  round: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.uuid').optional()),
});

export const missingQuery = z.object({
  round: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.uuid').optional()),
  municipality: z.string().regex(/^\d{4}$/, 'validation.invalid'),
  sniSection: z.string().regex(/^([A-U]|~unknown)$/, 'validation.invalid'),
});

export const targetForm = z.object({
  roundId: f.uuid(),
  municipalityCode: z.string().regex(/^\d{4}$/, 'validation.invalid'),
  sniSection: z.string().regex(/^[A-U]$/, 'validation.invalid'),
  target: f.int(0, 100000),
});
export type TargetInput = z.infer<typeof targetForm>;
