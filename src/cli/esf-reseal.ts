// npm run esf:reseal — after a new key was added at the top of the ESF key ring (ESF_KEY, ESF_KEY_FILE or
// DATA_DIR/esf.key): re-seal every personal identity number under it and recompute the keyed hashes; then
// the start-up check follows the new key and the old line can be removed from the ring. The private signing
// keys (credentials, LTI) are sealed with the same ring and are re-sealed too.
import { openDatabase, prepareDatabase } from '../bootstrap.ts';
import { resealAll } from '../domains/esf/index.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { KeyringError, loadKeyring, recordKeyCheck, verifyKeyring } from '../platform/secrets.ts';
import { resealSigningKeys } from '../platform/signing-keys.ts';

const env = loadEnvOrExit();
const { db, lock, where } = await openDatabase(env);
try {
  await prepareDatabase(db);
  const { keyring, source } = loadKeyring({
    esfKey: env.ESF_KEY,
    esfKeyFile: env.ESF_KEY_FILE,
    dataDir: env.DATA_DIR,
  });
  await verifyKeyring(db, keyring);
  const moved = await resealAll(db, keyring);
  const keys = await resealSigningKeys(db, keyring);
  await recordKeyCheck(db, keyring);
  process.stdout.write(
    `${where}: ${moved} identities and ${keys} signing keys re-sealed under key "${keyring.currentId}" (${source}). Older keys can now be removed from the ring.\n`,
  );
} catch (err) {
  if (!(err instanceof KeyringError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  lock?.release();
}
