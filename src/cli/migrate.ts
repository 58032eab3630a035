import { openDatabase, prepareDatabase } from '../bootstrap.ts';
import { loadEnvOrExit } from '../platform/env.ts';

const env = loadEnvOrExit();
const { db, lock, where } = await openDatabase(env);
try {
  const { migrations, reference } = await prepareDatabase(db);
  process.stdout.write(
    `${where}: applied ${migrations.length} migrations${migrations.length ? ` (${migrations.join(', ')})` : ''}; reference data updated: ${reference.length ? reference.join(', ') : 'none'}\n`,
  );
} finally {
  await db.close();
  lock?.release();
}
