import path from 'node:path';
import { lockDataDir } from '../platform/db.ts';
import { loadEnvOrExit } from '../platform/env.ts';
import { listSnapshots, restoreSnapshot } from '../platform/snapshots.ts';

// npm run restore -- [snapshot file]   (embedded database only; the product must be stopped)
const env = loadEnvOrExit();
if (env.DATABASE_URL) {
  process.stderr.write('restore is for the embedded database; on PostgreSQL use pg_restore.\n');
  process.exit(1);
}
const dataDir = path.resolve(env.DATA_DIR);
const file = process.argv[2] ?? listSnapshots(dataDir)[0];
if (!file) {
  process.stderr.write(`No snapshot in ${dataDir}/snapshots.\n`);
  process.exit(1);
}
const lock = lockDataDir(dataDir);
try {
  const kept = await restoreSnapshot(dataDir, file);
  process.stdout.write(`Restored ${file}.${kept ? ` The previous data is kept in ${kept}.` : ''}\n`);
} finally {
  lock.release();
}
