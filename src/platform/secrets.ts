// Encryption of personal identity numbers at rest: AES-256-GCM with a key ring (the first key seals, every
// key opens), the row's id as associated data (a sealed value moved to another row does not open), and a
// keyed hash (HMAC-SHA256 under a subkey of each key) to find duplicates without decrypting anything.
// Keys come from configuration (ESF_KEY or ESF_KEY_FILE); the embedded default creates DATA_DIR/esf.key
// with owner-only permissions. No business rules here.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';
import { settingOrCreate } from './settings.ts';

export interface Keyring {
  /** The key that seals new values. */
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A key that is missing, wrong or does not open a value: never silent garbage. */
export class KeyringError extends Error {
  constructor(
    readonly reason: 'format' | 'unknownKey' | 'mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * A key ring from text: one key per line or comma-separated, each `id:base64` of 32 bytes; the first is
 * the current key, the others only open older values (key rotation). Blank lines and `#` comments are skipped.
 */
export function parseKeyring(text: string): Keyring {
  const entries = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.split(','))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (entries.length === 0) throw new KeyringError('format', 'The ESF key ring is empty.');
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (at < 1 || !KEY_ID.test(id) || key.length !== 32)
      throw new KeyringError(
        'format',
        'Each ESF key must be written as id:base64 with a 32-byte key (id: letters, digits, - or _).',
      );
    if (keys.has(id)) throw new KeyringError('format', `The ESF key id ${id} occurs twice.`);
    keys.set(id, key);
  }
  return { currentId: entries[0]?.split(':')[0] as string, keys };
}

/** A new key ring line: `k<yyyymmdd>:<32 random bytes in base64>`. */
export function newKeyLine(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * The key ring from ESF_KEY (the text itself) or ESF_KEY_FILE; else `<dataDir>/esf.key`, created with
 * mode 0600 on first use. `created` tells the caller that a new file was written.
 */
export function loadKeyring(opts: { esfKey?: string; esfKeyFile?: string; dataDir: string }): {
  keyring: Keyring;
  source: string;
  created: boolean;
} {
  if (opts.esfKey) return { keyring: parseKeyring(opts.esfKey), source: 'ESF_KEY', created: false };
  if (opts.esfKeyFile)
    return {
      keyring: parseKeyring(fs.readFileSync(opts.esfKeyFile, 'utf8')),
      source: 'ESF_KEY_FILE',
      created: false,
    };
  const file = path.join(path.resolve(opts.dataDir), 'esf.key');
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const header =
      '# Kompetensnavet ESF key ring: first line seals, all lines open. Back it up apart from the data.\n';
    try {
      fs.writeFileSync(file, `${header}${newKeyLine()}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  fs.chmodSync(file, 0o600);
  return { keyring: parseKeyring(fs.readFileSync(file, 'utf8')), source: file, created };
}

function keyOf(keyring: Keyring, id: string): Buffer {
  const key = keyring.keys.get(id);
  if (!key)
    throw new KeyringError(
      'unknownKey',
      `The value was sealed with ESF key "${id}", which the configured key ring does not hold.`,
    );
  return key;
}

function subkey(key: Buffer, purpose: 'seal' | 'lookup' | 'check'): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `kompetensnavet-esf-${purpose}`, 32));
}

/** Seal a value under the current key; `aad` binds it to its row. Layout: 12-byte IV | 16-byte tag | text. */
export function seal(keyring: Keyring, plaintext: string, aad: string): { keyId: string; sealed: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subkey(keyOf(keyring, keyring.currentId), 'seal'), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: keyring.currentId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]) };
}

/** Open a sealed value; a wrong key, another row's value or a changed byte throws KeyringError('mismatch'). */
export function unseal(keyring: Keyring, keyId: string, sealed: Buffer, aad: string): string {
  const key = subkey(keyOf(keyring, keyId), 'seal');
  if (sealed.length < 29) throw new KeyringError('mismatch', 'The sealed value is truncated.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyringError(
      'mismatch',
      `The ESF key "${keyId}" does not open this value: the key is not the one it was sealed with, or the value was changed.`,
    );
  }
}

/** The keyed hash of a normalised value under one key (hex). */
export function lookupHash(keyring: Keyring, keyId: string, value: string): string {
  return createHmac('sha256', subkey(keyOf(keyring, keyId), 'lookup'))
    .update(value, 'utf8')
    .digest('hex');
}

/** The keyed hash under every key of the ring: a duplicate sealed under an older key is found too. */
export function lookupHashes(keyring: Keyring, value: string): string[] {
  return [...keyring.keys.keys()].map((id) => lookupHash(keyring, id, value));
}

/** A fingerprint of a key, stored once so that a replaced key is detected at start, not at the first reveal. */
export function keyCheck(keyring: Keyring, keyId: string): string {
  return createHmac('sha256', subkey(keyOf(keyring, keyId), 'check'))
    .update('check')
    .digest('hex');
}

/**
 * At start: the first key ring to run stores a fingerprint of its current key; a later ring must hold that
 * key unchanged, or the start stops with a clear message (a replaced or lost key would make every sealed
 * value unreadable).
 */
export async function verifyKeyring(db: Db, keyring: Keyring): Promise<void> {
  const stored = await settingOrCreate(db, 'esf_key_check', () =>
    JSON.stringify({ keyId: keyring.currentId, check: keyCheck(keyring, keyring.currentId) }),
  );
  const { keyId, check } = JSON.parse(stored) as { keyId: string; check: string };
  if (!keyring.keys.has(keyId))
    throw new KeyringError(
      'unknownKey',
      `The data was sealed with ESF key "${keyId}", which the configured key ring (ESF_KEY, ESF_KEY_FILE or DATA_DIR/esf.key) does not hold. Restore the key ring from its backup.`,
    );
  if (keyCheck(keyring, keyId) !== check)
    throw new KeyringError(
      'mismatch',
      `The configured ESF key "${keyId}" is not the key the data was sealed with. Restore the key ring from its backup.`,
    );
}

/** After re-sealing under the current key: the start-up check follows the current key from now on. */
export async function recordKeyCheck(db: Db, keyring: Keyring): Promise<void> {
  await db.query(
    `INSERT INTO app_settings (key, value) VALUES ('esf_key_check', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify({ keyId: keyring.currentId, check: keyCheck(keyring, keyring.currentId) })],
  );
}
