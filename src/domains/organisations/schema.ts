import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';
import { parseOrgNumber } from '../../platform/identifiers.ts';

export const ruleSets = ['esf-2014-2020', 'esf-plus-2021-2027'] as const;

const date = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date'),
  );

export const providerInput = z.object({
  name: f.text(200),
  orgNumber: f.optText(20).transform((value, ctx) => {
    if (!value) return null;
    const parsed = parseOrgNumber(value);
    if (!parsed.ok || parsed.soleTrader) {
      ctx.addIssue({
        code: 'custom',
        message: parsed.ok ? 'validation.orgNumber.kind' : `validation.orgNumber.${parsed.error}`,
      });
      return z.NEVER;
    }
    return parsed.value;
  }),
});
export type ProviderInput = z.infer<typeof providerInput>;

const funder = z.object({ name: f.text(200), amountSek: f.int(0, 10_000_000_000) });

export const programmeInput = z
  .object({
    name: f.text(200),
    startsOn: date(),
    endsOn: date(),
    ruleSet: f.choice(ruleSets),
    funders: z
      .array(z.preprocess((row) => (isBlank(row) ? null : row), funder.nullable()))
      .max(10)
      .transform((rows) => rows.filter((r): r is z.infer<typeof funder> => r !== null)),
  })
  .refine((p) => p.endsOn >= p.startsOn, { path: ['endsOn'], message: 'orgs.programme.endBeforeStart' });
export type ProgrammeInput = z.infer<typeof programmeInput>;

function isBlank(row: unknown): boolean {
  return (
    typeof row === 'object' &&
    row !== null &&
    Object.values(row).every((v) => v === undefined || v === null || String(v).trim() === '')
  );
}

/** Flat form names `funders.0.name` into arrays. */
export const programmeForm = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null) return raw;
  const out: Record<string, unknown> = { funders: [] };
  for (const [k, v] of Object.entries(raw)) {
    const m = k.match(/^funders\.(\d)\.(name|amountSek)$/);
    if (!m) out[k] = v;
    else {
      const list = out.funders as Record<string, unknown>[];
      while (list.length <= Number(m[1])) list.push({});
      list[Number(m[1])][m[2]] = v;
    }
  }
  return out;
}, programmeInput);
