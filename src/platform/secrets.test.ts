import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  KeyringError,
  keyCheck,
  loadKeyring,
  lookupHash,
  lookupHashes,
  newKeyLine,
  parseKeyring,
  seal,
  unseal,
} from './secrets.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('secrets: sealing personal identity numbers', () => {
  const ring = parseKeyring(newKeyLine(new Date('2026-11-28')));

  it('round-trips, with a fresh IV each time', () => {
    const a = seal(ring, '19811218-9876', 'row-1');
    const b = seal(ring, '19811218-9876', 'row-1');
    expect(a.keyId).toBe('k20261128');
    expect(a.sealed.equals(b.sealed)).toBe(false);
    expect(a.sealed.toString('utf8')).not.toContain('9876');
    expect(unseal(ring, a.keyId, a.sealed, 'row-1')).toBe('19811218-9876');
  });

  it('a wrong key, another row or a changed byte is a clear error, never garbage', () => {
    const { keyId, sealed } = seal(ring, '19811218-9876', 'row-1');
    const other = parseKeyring(`${keyId}:${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => unseal(other, keyId, sealed, 'row-1')).toThrow(KeyringError);
    expect(() => unseal(other, keyId, sealed, 'row-1')).toThrow(/does not open/);
    expect(() => unseal(ring, keyId, sealed, 'row-2')).toThrow(/does not open/);
    const changed = Buffer.from(sealed);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    expect(() => unseal(ring, keyId, changed, 'row-1')).toThrow(/does not open/);
    expect(() => unseal(ring, 'gone', sealed, 'row-1')).toThrow(/does not hold/);
  });

  it('rotation: the first key seals, older keys still open and are hashed for duplicates', () => {
    const old = seal(ring, '19811218-9876', 'row-1');
    const line = `new1:${Buffer.alloc(32, 9).toString('base64')}`;
    const [oldLine] = [...ring.keys.entries()].map(([id, k]) => `${id}:${k.toString('base64')}`);
    const rotated = parseKeyring(`${line}\n${oldLine}`);
    expect(rotated.currentId).toBe('new1');
    expect(unseal(rotated, old.keyId, old.sealed, 'row-1')).toBe('19811218-9876');
    expect(seal(rotated, 'x', 'r').keyId).toBe('new1');
    const hashes = lookupHashes(rotated, '19811218-9876');
    expect(hashes).toContain(lookupHash(ring, old.keyId, '19811218-9876'));
    expect(new Set(hashes).size).toBe(2);
  });

  it('keyed hashes and key checks depend on the key, not only on the value', () => {
    const other = parseKeyring(`k20261128:${Buffer.alloc(32, 1).toString('base64')}`);
    expect(lookupHash(ring, 'k20261128', 'v')).not.toBe(lookupHash(other, 'k20261128', 'v'));
    expect(keyCheck(ring, 'k20261128')).not.toBe(keyCheck(other, 'k20261128'));
  });

  it('refuses malformed key rings with a message that names the format', () => {
    expect(() => parseKeyring('')).toThrow(/empty/);
    expect(() => parseKeyring('abc')).toThrow(/id:base64/);
    expect(() => parseKeyring(`a:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32-byte/);
    const k = Buffer.alloc(32).toString('base64');
    expect(() => parseKeyring(`a:${k},a:${k}`)).toThrow(/twice/);
  });

  it('the embedded default creates DATA_DIR/esf.key once, readable by the owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-secrets-'));
    dirs.push(dir);
    const first = loadKeyring({ dataDir: dir });
    expect(first.created).toBe(true);
    const file = path.join(dir, 'esf.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadKeyring({ dataDir: dir });
    expect(again.created).toBe(false);
    expect(again.keyring.currentId).toBe(first.keyring.currentId);
    const env = loadKeyring({ dataDir: dir, esfKey: `e1:${Buffer.alloc(32, 3).toString('base64')}` });
    expect(env.source).toBe('ESF_KEY');
    expect(env.keyring.currentId).toBe('e1');
  });
});
