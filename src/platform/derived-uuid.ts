// Ids derived in SQL from a text (a copy's id from its original's, a synthetic row's from its seed), so a
// set-based INSERT … SELECT can name children's parents without a round trip.

/**
 * SQL for a deterministic RFC 9562 UUID (version 4 layout, variant 10) from the text expression `expr`: the
 * md5 digest with its version and variant digits set. A raw `md5(…)::uuid` is a valid PostgreSQL uuid but
 * not an RFC one, and the routes' id check (zod's uuid) refuses it, so such rows could never be opened.
 */
export const sqlUuidFrom = (expr: string): string =>
  `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;
