// Request input cleaning shared by every route kind that parses forms or JSON.

/**
 * The input with every NUL character removed from its strings. PostgreSQL text cannot hold NUL (the query
 * fails: a 500), and no field has a use for it. Query and form objects have odd prototypes (fast-querystring),
 * so every object but a Date or a Buffer is walked.
 */
export function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: withoutNul(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}

/** Multipart bodies: the same for the text fields (`{ type: 'field', value }`); files are left alone. */
export function withoutNulFields(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  for (const entry of Object.values(body as Record<string, unknown>))
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      const field = part as { type?: unknown; value?: unknown } | null;
      if (field && field.type === 'field' && typeof field.value === 'string')
        field.value = field.value.replaceAll('\u0000', '');
    }
  return body;
}
