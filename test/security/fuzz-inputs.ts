// Hostile inputs for the route fuzzer: hand-picked attack strings, fast-check arbitraries over them, and
// field names read from a route's zod schema (zod 4 internals: `_zod.def`).
import fc from 'fast-check';
import type { z } from 'zod';

/** A marker inside every script-like payload: if it ever reaches a page unescaped, the sweep finds it. */
export const XSS_MARK = 'kn_xss_probe';

/** Values that have broken real systems: injection, markup, Unicode edges, impossible values. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r ',
  'a'.repeat(10_001),
  `${'å'.repeat(5000)}${'😀'.repeat(2600)}`,
  '\u0000',
  'ab\u0000cd',
  '\u0001\u0002\u0003\u0007\u0008\u001b[31m\u007f',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🇸🇪',
  '\ufeff\u200b\u2028\u2029',
  "' OR '1'='1",
  "'; DROP TABLE companies; --",
  '1; SELECT pg_sleep(5)--',
  '\\',
  '%',
  '_%_',
  `<script>${XSS_MARK}=1</script>`,
  `"><img src=x onerror=${XSS_MARK}(1)>`,
  `'><svg onload=${XSS_MARK}(1)>`,
  `javascript:${XSS_MARK}(1)`,
  `[x](javascript:${XSS_MARK}(1))`,
  `<a href="javascript:${XSS_MARK}(1)">x</a>`,
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '%s%s%s%n',
  '{0}{1}',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'file:///etc/passwd',
  '-1',
  '0',
  '-99999999999999999999',
  '1e308',
  '9007199254740993',
  '1.5',
  'NaN',
  'Infinity',
  '-Infinity',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31T25:61:61Z',
  '2026-W60',
  '19121212-1212',
  '191212121212',
  '121212+1212',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '__proto__',
  'constructor',
  'a@b',
  `${'a'.repeat(300)}@example.org`,
];

/** Extra keys an attacker adds to a body. */
export const EXTRA_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'isAdmin',
  'role',
  'id',
  'x',
];

const printable = fc.string({ unit: 'binary', maxLength: 40 });
const longString = fc
  .tuple(fc.constantFrom('a', 'ø', '<', "'", '\u0000', '😀'), fc.integer({ min: 10_000, max: 12_000 }))
  .map(([c, n]) => c.repeat(n));

/** Any hostile string: a hand-picked one, random binary-unit text (lone surrogates included) or an over-long one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: printable },
  { weight: 1, arbitrary: longString },
);

/** A JSON value of the wrong type (for API bodies and JSON-posted forms). */
export const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    [],
    {},
    [null],
    { $gt: '' },
    { __proto__: { admin: true } },
  ),
  fc.integer(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', 'value', '_csrf', 'id'), hostileString, { maxKeys: 2 }),
);

// ------------------------------------------------------------------------------------ zod introspection

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  schema?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const defOf = (s: z.ZodType | undefined): Def | undefined =>
  (s as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;

/** Strip wrappers (optional, default, pipe, preprocess, lazy...) down to the schema that decides the shape. */
function unwrap(s: z.ZodType | undefined, depth = 0): z.ZodType | undefined {
  const def = defOf(s);
  if (!def || depth > 20) return s;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return unwrap(def.innerType, depth + 1);
    case 'pipe': {
      // z.preprocess is a pipe from a transform into the real schema; a .transform() is a pipe into one.
      const inner = defOf(def.in)?.type === 'transform' ? def.out : def.in;
      return unwrap(inner, depth + 1);
    }
    case 'lazy':
      return unwrap(
        (s as unknown as { _zod: { def: { getter: () => z.ZodType } } })._zod.def.getter(),
        depth + 1,
      );
    default:
      return s;
  }
}

/** The fields of an object schema (unions and intersections merged); empty when the schema is no object. */
export function fieldsOf(schema: z.ZodType | undefined): Map<string, z.ZodType> {
  const out = new Map<string, z.ZodType>();
  const visit = (s: z.ZodType | undefined, depth: number) => {
    const u = unwrap(s);
    const def = defOf(u);
    if (!def || depth > 10) return;
    if (def.type === 'object' && def.shape) for (const [k, v] of Object.entries(def.shape)) out.set(k, v);
    else if (def.type === 'union' && def.options) for (const o of def.options) visit(o, depth + 1);
    else if (def.type === 'intersection') {
      visit(def.left, depth + 1);
      visit(def.right, depth + 1);
    }
  };
  visit(schema, 0);
  return out;
}

/** A plausible value for a field (so that hostile values in other fields get past the first checks). */
export function plausible(field: z.ZodType | undefined, depth = 0): fc.Arbitrary<unknown> {
  const u = unwrap(field);
  const def = defOf(u);
  if (!def || depth > 4) return hostileString;
  switch (def.type) {
    case 'string':
      return fc.oneof(hostileString, fc.constantFrom('Test', 'test@example.org', '2026-05-04'));
    case 'number':
    case 'int':
    case 'bigint':
      return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constantFrom(1e15, -1, 0.5));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'literal':
      return fc.constantFrom(...((def.values as unknown[]) ?? ['x']));
    case 'date':
      return fc.constantFrom('2026-05-04', '2026-02-30');
    case 'array':
      return fc.array(plausible(def.element, depth + 1), { maxLength: 3 });
    case 'object': {
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of fieldsOf(u)) rec[k] = plausible(v, depth + 1);
      return fc.record(rec, { requiredKeys: [] });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).slice(0, 4).map((o) => plausible(o, depth + 1)));
    default:
      return hostileString;
  }
}

/** A value for a field: plausible, hostile text or (JSON only) a value of the wrong type. */
export function fieldValue(field: z.ZodType | undefined, json: boolean): fc.Arbitrary<unknown> {
  const options = [plausible(field), hostileString];
  return json ? fc.oneof(...options, wrongTyped) : fc.oneof(...options);
}

/** Form-encoded values are strings: turn a generated value into one (arrays become repeated keys). */
export function asFormValue(v: unknown): string | string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : (JSON.stringify(x) ?? '')));
  if (typeof v === 'string') return v;
  return v === undefined ? '' : (JSON.stringify(v) ?? '');
}

/** A whole body for a route: every known field (some left out) plus random extra keys. */
export function bodyArbitrary(
  fields: Map<string, z.ZodType | undefined>,
  json: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const rec: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of fields) rec[k] = fieldValue(v, json);
  return fc
    .tuple(
      fc.record(rec, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })), hostileString, {
        maxKeys: 2,
      }),
    )
    .map(([known, extra]) => {
      // Own properties only, so that `__proto__` is sent as a key rather than setting the prototype.
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(extra))
        Object.defineProperty(out, k, { value: v, enumerable: true });
      for (const [k, v] of Object.entries(known))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
      return out;
    });
}

/** One hostile value per field, in turn: the deterministic complement to the random runs. */
export function pickedBodies(fields: Map<string, z.ZodType | undefined>): Record<string, unknown>[] {
  const names = [...fields.keys()];
  const picks = [
    `<script>${XSS_MARK}=1</script>`,
    'a'.repeat(10_001),
    "'; DROP TABLE companies; --",
    'x\ud800\u0000\u202e',
    '2026-02-30',
    '-99999999999999999999',
  ];
  return picks.map((p) => Object.fromEntries(names.map((n) => [n, p])));
}

/** Payloads in the HTML that show a stored value became markup or a script URL. */
export const UNESCAPED = [
  `<script>${XSS_MARK}`,
  `<img src=x onerror=${XSS_MARK}`,
  `<svg onload=${XSS_MARK}`,
  `href="javascript:${XSS_MARK}`,
  `href='javascript:${XSS_MARK}`,
  `src="javascript:${XSS_MARK}`,
];

/** Attributes whose value is a URL: a `javascript:` value there runs, so they are kept when masking. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcdoc', 'xlink:href']);

/**
 * The HTML around the first payload that became markup ('' when none did). Text nodes never hold a raw `"`
 * (@kitajs/html escapes it), so every `name="..."` is an attribute: its value is masked unless it is a URL,
 * because `<` inside a quoted attribute (`aria-label="Redigera <script>..."`) is text, not markup.
 */
export function unescapedPayload(html: string): string {
  const masked = html.replace(/(\s([\w:.-]+))="[^"]*"/g, (all, head: string, name: string) =>
    URL_ATTRIBUTES.has(name.toLowerCase()) ? all : `${head}=""`,
  );
  for (const bad of UNESCAPED) {
    const i = masked.indexOf(bad);
    if (i >= 0) return masked.slice(Math.max(0, i - 300), i + 100);
  }
  return '';
}
