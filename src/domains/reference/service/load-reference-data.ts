import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-load.ts';
import { type Dataset, datasets, type Row } from './datasets.ts';

/** reference-data/ at the root of the repository. */
export const REFERENCE_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../reference-data',
);

export interface LoadResult {
  /** Data sets (table names) that were written because their files changed or were never loaded. */
  loaded: string[];
  /** Data sets whose files have the checksum recorded at the last load. */
  unchanged: string[];
}

interface Prepared {
  dataset: Dataset;
  contents: Map<string, string>;
  checksum: string;
}

function prepare(dataset: Dataset, dir: string): Prepared {
  const hash = createHash('sha256').update(`${dataset.name} v${dataset.version}\n`);
  const contents = new Map<string, string>();
  for (const file of dataset.files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    hash.update(`${file} ${bytes.length}\n`).update(bytes);
    contents.set(file, bytes.toString('utf8'));
  }
  return { dataset, contents, checksum: hash.digest('hex') };
}

/** Rows to one array per column; a key that occurs twice is an error in the file, not something to guess at. */
function toColumns(dataset: Dataset, rows: Row[]): (string[] | number[])[] {
  const keyAt = dataset.key.map((k) => dataset.columns.findIndex((c) => c.name === k));
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyAt.map((i) => row[i]).join('\u0000');
    if (seen.has(key))
      throw new Error(`reference data ${dataset.name}: duplicate key ${key.replace('\u0000', ', ')}`);
    seen.add(key);
  }
  return dataset.columns.map((column, i) =>
    column.type === 'text' ? rows.map((row) => String(row[i])) : rows.map((row) => Number(row[i])),
  );
}

async function write(db: Db, prepared: Prepared): Promise<void> {
  const { dataset, contents } = prepared;
  const rows = dataset.rows((file) => {
    const text = contents.get(file);
    if (text === undefined) throw new Error(`reference data ${dataset.name}: ${file} is not among its files`);
    return text;
  });
  await repo.upsertColumns(db, dataset, toColumns(dataset, rows));
  await repo.analyze(db, dataset.table);
  await repo.recordDataset(db, dataset.name, prepared.checksum, rows.length);
}

/**
 * Load the classification files into the ref_* tables, idempotently. A data set whose files have the recorded
 * checksum is skipped; the others are upserted row by row (rows that left a file stay: records may point at
 * them). Everything that changed is written in one transaction.
 */
export async function loadReferenceData(db: Db, dir: string = REFERENCE_DATA_DIR): Promise<LoadResult> {
  const prepared = datasets.map((dataset) => prepare(dataset, dir));
  const recorded = await repo.datasetChecksums(db);
  if (prepared.every((p) => recorded.get(p.dataset.name) === p.checksum)) {
    return { loaded: [], unchanged: prepared.map((p) => p.dataset.name) };
  }
  return db.tx(async (tx) => {
    await repo.lockForLoad(tx);
    // Another process may have loaded the same files while this one waited for the lock.
    const current = await repo.datasetChecksums(tx);
    const result: LoadResult = { loaded: [], unchanged: [] };
    for (const p of prepared) {
      if (current.get(p.dataset.name) === p.checksum) {
        result.unchanged.push(p.dataset.name);
        continue;
      }
      await write(tx, p);
      result.loaded.push(p.dataset.name);
    }
    return result;
  });
}
