import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  luhnCheckDigit,
  luhnValid,
  maskOrgNumber,
  maskPersonnummer,
  parseEsfIdentity,
  parseOrgNumber,
  parsePersonnummer,
} from './identifiers.ts';

describe('organisationsnummer', () => {
  it('normalises a valid number with or without hyphen and with the 16 prefix', () => {
    expect(parseOrgNumber('5560360793')).toEqual({ ok: true, value: '556036-0793', soleTrader: false });
    expect(parseOrgNumber(' 556036-0793 ')).toEqual({ ok: true, value: '556036-0793', soleTrader: false });
    expect(parseOrgNumber('165560360793')).toEqual({ ok: true, value: '556036-0793', soleTrader: false });
  });

  it('names the problem: format, checksum', () => {
    expect(parseOrgNumber('55603607')).toEqual({ ok: false, error: 'format' });
    expect(parseOrgNumber('556036-079X')).toEqual({ ok: false, error: 'format' });
    expect(parseOrgNumber('556036-0794')).toEqual({ ok: false, error: 'checksum' });
    expect(parseOrgNumber('')).toEqual({ ok: false, error: 'format' });
  });

  it("accepts a sole trader's personnummer and flags it; rejects a third digit < 2 that is no date", () => {
    expect(parseOrgNumber('198112189876')).toEqual({ ok: true, value: '811218-9876', soleTrader: true });
    expect(parseOrgNumber('811218-9876')).toEqual({ ok: true, value: '811218-9876', soleTrader: true });
    // month 19 is no date and the third digit is 1: neither kind
    const body = '201900123';
    expect(parseOrgNumber(`${body}${luhnCheckDigit(body)}`)).toEqual({ ok: false, error: 'kind' });
  });

  it('masks a sole trader but not a legal entity', () => {
    expect(maskOrgNumber('811218-9876', true)).toBe('811218-****');
    expect(maskOrgNumber('556036-0793', false)).toBe('556036-0793');
  });

  it('every number with a computed check digit and third digit >= 2 is accepted (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 2, max: 9 }), (n, third) => {
        const digits = String(n).padStart(8, '0');
        const body = `${digits.slice(0, 2)}${third}${digits.slice(2, 8)}`;
        const ten = body + luhnCheckDigit(body);
        const result = parseOrgNumber(ten);
        return result.ok && result.value === `${ten.slice(0, 6)}-${ten.slice(6)}` && !result.soleTrader;
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('a single changed digit always fails the Luhn check (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, delta) => {
          const body = String(n).padStart(9, '0');
          const ten = body + luhnCheckDigit(body);
          const changed = ten.slice(0, pos) + ((Number(ten[pos]) + delta) % 10) + ten.slice(pos + 1);
          return !luhnValid(changed);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('personnummer', () => {
  const today = new Date('2026-11-28T12:00:00Z');
  it('normalises 10 and 12 digits to YYYYMMDD-NNNN', () => {
    expect(parsePersonnummer('811218-9876', today)).toMatchObject({ ok: true, value: '19811218-9876' });
    expect(parsePersonnummer('198112189876', today)).toMatchObject({ ok: true, value: '19811218-9876' });
  });
  it('reads + as 100 years or older', () => {
    expect(parsePersonnummer('121212+1212', today)).toMatchObject({ ok: true, value: '19121212-1212' });
    expect(parsePersonnummer('121212-1212', today)).toMatchObject({ ok: true, value: '20121212-1212' });
  });
  it('flags samordningsnummer (day + 60)', () => {
    const body = '701063';
    const rest = '234';
    const num = `${body}-${rest}${luhnCheckDigit(body + rest)}`;
    expect(parsePersonnummer(num, today)).toMatchObject({ ok: true, coordination: true });
  });
  it('rejects bad checksums and impossible dates', () => {
    expect(parsePersonnummer('811218-9875', today)).toEqual({ ok: false, error: 'checksum' });
    const body = '811318';
    const rest = '987';
    expect(parsePersonnummer(`${body}-${rest}${luhnCheckDigit(body + rest)}`, today)).toEqual({
      ok: false,
      error: 'date',
    });
    expect(parsePersonnummer('abc', today)).toEqual({ ok: false, error: 'format' });
  });
});

describe('ESF identities', () => {
  const today = new Date('2026-11-28T12:00:00Z');
  it('derives kind, gender and birth date from a personnummer (10 or 12 digits, - or +)', () => {
    // 198112189876: Skatteverket's test-number series; second-to-last digit 7 = man.
    expect(parseEsfIdentity('811218-9876', today)).toEqual({
      ok: true,
      value: '19811218-9876',
      kind: 'personnummer',
      gender: 'man',
      birthDate: '1981-12-18',
    });
    const body = '1212121212'.slice(0, 9);
    const ten = body + luhnCheckDigit(body);
    const woman = parseEsfIdentity(`19${ten}`, today);
    expect(woman.ok && woman.gender).toBe('man');
    expect(parseEsfIdentity('121212+1212', today)).toMatchObject({ ok: true, value: '19121212-1212' });
  });

  it('flags a samordningsnummer (day + 60) and gives the real birth day', () => {
    const body = '701063238';
    const r = parseEsfIdentity(`${body}${luhnCheckDigit(body)}`, today);
    expect(r).toMatchObject({ ok: true, kind: 'samordningsnummer', birthDate: '1970-10-03' });
  });

  it('accepts and flags a protected identity pseudo-number, without a gender', () => {
    expect(parseEsfIdentity('19850312-t123', today)).toEqual({
      ok: true,
      value: '19850312-T123',
      kind: 'protected',
      gender: null,
      birthDate: '1985-03-12',
    });
    expect(parseEsfIdentity('19850231-T123', today)).toEqual({ ok: false, error: 'date' });
  });

  it('names the problem of a wrong number', () => {
    expect(parseEsfIdentity('811218-9877', today)).toEqual({ ok: false, error: 'checksum' });
    expect(parseEsfIdentity('8112189', today)).toEqual({ ok: false, error: 'format' });
  });

  it('masks and computes whole years of age', () => {
    expect(maskPersonnummer('19850312-1234')).toBe('19850312-****');
    expect(ageOn('1985-03-12', '2026-03-11')).toBe(40);
    expect(ageOn('1985-03-12', '2026-03-12')).toBe(41);
  });

  it('every valid 10-digit number round-trips to 12 digits with a gender (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2005 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        (y, m, d, serial) => {
          const body = `${String(y).slice(2)}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
          const r = parseEsfIdentity(body + luhnCheckDigit(body), today);
          return r.ok && r.value.startsWith(String(y)) && r.kind === 'personnummer' && r.gender !== null;
        },
      ),
      { seed: 20261128, numRuns: 300 },
    );
  });
});
