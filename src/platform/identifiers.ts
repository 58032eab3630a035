// Swedish identifiers: organisationsnummer and personnummer (pure functions, no I/O).

/** Luhn check over a string of digits (the last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit for a string of digits (without check digit). */
export function luhnCheckDigit(digits: string): number {
  for (let c = 0; c <= 9; c++) if (luhnValid(digits + c)) return c;
  throw new Error('unreachable');
}

export type OrgNumberResult =
  | { ok: true; value: string; soleTrader: boolean }
  | { ok: false; error: 'format' | 'checksum' | 'kind' };

function validDate(yyyy: number, mm: number, dd: number): boolean {
  const d = new Date(Date.UTC(yyyy, mm - 1, dd));
  return d.getUTCFullYear() === yyyy && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
}

/**
 * Normalise an organisationsnummer to NNNNNN-NNNN. Accepts 10 digits with or without a hyphen, a
 * 16-prefixed 12-digit form, and a sole trader's personnummer (10 or 12 digits; the 10-digit form is
 * kept, as the Swedish Companies Registration Office does). Legal entities have 3rd digit >= 2.
 */
export function parseOrgNumber(input: string): OrgNumberResult {
  const compact = input.trim().replace(/[\s-]/g, '');
  let ten: string;
  if (/^\d{10}$/.test(compact)) ten = compact;
  else if (/^16\d{10}$/.test(compact)) ten = compact.slice(2);
  else if (/^(19|20)\d{10}$/.test(compact)) ten = compact.slice(2);
  else return { ok: false, error: 'format' };
  if (!luhnValid(ten)) return { ok: false, error: 'checksum' };
  const value = `${ten.slice(0, 6)}-${ten.slice(6)}`;
  const personalForm = compact.length === 12 && !compact.startsWith('16');
  if (Number(ten[2]) >= 2 && !personalForm) {
    return { ok: true, value, soleTrader: false };
  }
  // A personal identity number (or co-ordination number: day + 60) of a sole trader.
  const mm = Number(ten.slice(2, 4));
  let dd = Number(ten.slice(4, 6));
  if (dd > 60) dd -= 60;
  const yy = Number(ten.slice(0, 2));
  const century = compact.length === 12 ? Number(compact.slice(0, 2)) * 100 : 1900;
  if (mm < 1 || mm > 12 || !validDate(century + yy, mm, dd === 0 ? 1 : dd))
    return { ok: false, error: 'kind' };
  return { ok: true, value, soleTrader: true };
}

/** `19850312-****` style: a sole trader's number outside the company's own pages. */
export function maskOrgNumber(value: string, soleTrader: boolean): string {
  return soleTrader ? `${value.slice(0, 6)}-****` : value;
}

export type PersonnummerResult =
  | { ok: true; value: string; coordination: boolean; protectedIdentity: boolean }
  | { ok: false; error: 'format' | 'checksum' | 'date' };

/**
 * Normalise a personnummer to YYYYMMDD-NNNN. Accepts 10 digits (with `-`, or `+` for 100 years or
 * older) or 12 digits. Samordningsnummer (day + 60) are accepted and flagged.
 */
export function parsePersonnummer(input: string, today: Date = new Date()): PersonnummerResult {
  const s = input.trim().replace(/\s/g, '');
  const m12 = s.match(/^(\d{2})(\d{6})-?(\d{4})$/);
  const m10 = s.match(/^(\d{6})([-+]?)(\d{4})$/);
  let century: number;
  let body: string;
  let last4: string;
  if (m12 && s.replace('-', '').length === 12) {
    century = Number(m12[1]);
    body = m12[2];
    last4 = m12[3];
  } else if (m10) {
    body = m10[1];
    last4 = m10[3];
    const yy = Number(body.slice(0, 2));
    const thisYear = today.getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear) year -= 100;
    if (m10[2] === '+') year -= 100;
    century = Math.floor(year / 100);
  } else return { ok: false, error: 'format' };
  if (!luhnValid(body + last4)) return { ok: false, error: 'checksum' };
  const yyyy = century * 100 + Number(body.slice(0, 2));
  const mm = Number(body.slice(2, 4));
  let dd = Number(body.slice(4, 6));
  const coordination = dd > 60;
  if (coordination) dd -= 60;
  if (!validDate(yyyy, mm, dd)) return { ok: false, error: 'date' };
  return { ok: true, value: `${century}${body}-${last4}`, coordination, protectedIdentity: false };
}

export type EsfIdentity =
  | {
      ok: true;
      /** 12 digits YYYYMMDD-NNNN, or YYYYMMDD-Xnnn for a protected identity's pseudo-number. */
      value: string;
      kind: 'personnummer' | 'samordningsnummer' | 'protected';
      /** Derived from the second-to-last digit; null for a pseudo-number (ask for it instead). */
      gender: 'woman' | 'man' | null;
      /** YYYY-MM-DD (for a samordningsnummer, day minus 60). */
      birthDate: string;
    }
  | { ok: false; error: 'format' | 'checksum' | 'date' };

/**
 * A participant's identity for the ESF administration: a personnummer or samordningsnummer (see
 * parsePersonnummer), or a protected identity's pseudo-number — the birth date and a serial whose first
 * character is a letter (`19850312-T123`, the reservnummer form regions use for people with protected
 * personal data): accepted without a check digit and flagged, so that it is never sent as a real number.
 */
export function parseEsfIdentity(input: string, today: Date = new Date()): EsfIdentity {
  const pseudo = input
    .trim()
    .toUpperCase()
    .match(/^(\d{4})(\d{2})(\d{2})-?([A-Z]\d{3})$/);
  if (pseudo) {
    const [, y, m, d, serial] = pseudo;
    if (!validDate(Number(y), Number(m), Number(d))) return { ok: false, error: 'date' };
    return {
      ok: true,
      value: `${y}${m}${d}-${serial}`,
      kind: 'protected',
      gender: null,
      birthDate: `${y}-${m}-${d}`,
    };
  }
  const p = parsePersonnummer(input, today);
  if (!p.ok) return p;
  const day = Number(p.value.slice(6, 8)) - (p.coordination ? 60 : 0);
  return {
    ok: true,
    value: p.value,
    kind: p.coordination ? 'samordningsnummer' : 'personnummer',
    gender: Number(p.value[11]) % 2 === 1 ? 'man' : 'woman',
    birthDate: `${p.value.slice(0, 4)}-${p.value.slice(4, 6)}-${String(day).padStart(2, '0')}`,
  };
}

/** `19850312-****`: the form every page shows. */
export function maskPersonnummer(value: string): string {
  return `${value.slice(0, 8)}-****`;
}

/** Whole years of age on a date (YYYY-MM-DD) for a birth date (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
