// Regression (fuzz suite, issue 8): a NUL character in a form, JSON body or query reached PostgreSQL, which
// cannot store it in text, and the request answered 500. Input is now cleaned before validation.
import { describe, expect, it } from 'vitest';
import { withoutNul } from './input.ts';

describe('withoutNul', () => {
  it('removes NUL from every string of plain and null-prototype objects and arrays, nothing else', () => {
    const query = Object.assign(Object.create(null) as Record<string, unknown>, { q: 'a\u0000b', page: '2' });
    expect(withoutNul(query)).toEqual({ q: 'ab', page: '2' });
    // fast-querystring's objects: an empty constructor whose prototype has a null prototype.
    const Empty = function Empty() {} as unknown as { new (): Record<string, unknown>; prototype: object };
    Empty.prototype = Object.create(null);
    const form = Object.assign(new Empty(), { title: 'x\u0000' });
    expect(withoutNul(form)).toEqual({ title: 'x' });
    expect(
      withoutNul({ body: 'x\u0000\u0000y', list: ['\u0000', 'ok'], n: 1, nested: { t: 'a\u0000' } }),
    ).toEqual({
      body: 'xy',
      list: ['', 'ok'],
      n: 1,
      nested: { t: 'a' },
    });
    const buf = Buffer.from([0, 1]);
    expect(withoutNul(buf)).toBe(buf);
    expect(withoutNul('\ud800x')).toBe('\ud800x');
  });

  it('keeps a __proto__ key as an own property instead of setting the prototype', () => {
    const input = JSON.parse('{"__proto__": {"admin": true}, "a": "b"}');
    const out = withoutNul(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { admin?: boolean }).admin).toBeUndefined();
  });
});
