import { z } from 'zod';
import type { RowValues } from './columns.ts';
import type { RowError } from './rows.ts';

export const duplicateModes = ['update', 'skip'] as const;
export type DuplicateMode = (typeof duplicateModes)[number];
export const outcomes = ['new', 'update', 'unchanged', 'skip', 'error'] as const;
export type Outcome = (typeof outcomes)[number];

/** A row as stored with the import: the file's values, so that confirming can validate them again. */
export interface StoredRow {
  line: number;
  values: RowValues;
  outcome: Outcome;
  errors: RowError[];
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

export interface ImportSummary {
  counts: Record<Outcome, number>;
  total: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  ignoredHeaders: string[];
  result?: ImportResult;
}

// ---------------------------------------------------------------- HTTP input

/** A multipart text field arrives as `{ value }` (attachFieldsToBody); a urlencoded one as a string. */
const fieldValue = (v: unknown) =>
  v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** The uploaded file part, or undefined when no file was chosen (browsers send an empty part). */
function filePart(v: unknown): UploadedFile | undefined {
  if (!v || typeof v !== 'object' || (v as { type?: unknown }).type !== 'file') return undefined;
  const part = v as { filename?: unknown; _buf?: unknown };
  const data = Buffer.isBuffer(part._buf) ? part._buf : Buffer.alloc(0);
  const fileName = typeof part.filename === 'string' ? part.filename : '';
  if (fileName === '' && data.length === 0) return undefined;
  return { fileName, data };
}

export const uploadForm = z.object({
  file: z.preprocess(
    filePart,
    z.custom<UploadedFile>((v) => v !== undefined, { error: 'transfer.file.required' }),
  ),
  duplicateMode: z.preprocess(fieldValue, z.enum(duplicateModes, { error: 'validation.choice' })),
});

export const importParams = z.object({ id: z.string().uuid() });

export const importApiInput = z
  .object({
    csv: z
      .string()
      .max(2_000_000)
      .optional()
      .describe('The file content as text (CSV, semicolon or comma separated)'),
    xlsxBase64: z.string().max(2_800_000).optional().describe('An XLSX workbook, base64-encoded'),
    fileName: z.string().max(255).optional(),
    duplicateMode: z.enum(duplicateModes),
  })
  .refine((b) => (b.csv === undefined) !== (b.xlsxBase64 === undefined), {
    error: 'validation.required',
    path: ['csv'],
  });

const rowErrorOut = z.object({ column: z.string().nullable(), code: z.string(), message: z.string() });

export const importPreviewOut = z.object({
  id: z.string().uuid(),
  status: z.enum(['pending', 'done', 'cancelled']),
  fileName: z.string(),
  duplicateMode: z.enum(duplicateModes),
  expiresAt: z.string(),
  counts: z.object(
    Object.fromEntries(outcomes.map((o) => [o, z.number().int()])) as Record<Outcome, z.ZodNumber>,
  ),
  total: z.number().int(),
  ignoredHeaders: z.array(z.string()),
  errors: z.array(z.object({ line: z.number().int(), orgNumber: z.string(), errors: z.array(rowErrorOut) })),
});

export const importResultOut = z.object({
  id: z.string().uuid(),
  status: z.literal('done'),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  errors: z.number().int(),
});
