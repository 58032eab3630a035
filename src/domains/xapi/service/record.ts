// The product's own learning events as statements (issue 7): account actors only, the product as authority.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { isUuid, type JsonObject, XapiError } from '../formats.ts';
import { firstRegion, regionOfUser } from '../repo-statements.ts';
import { productAuthority } from './clients.ts';
import { storeStatements } from './store.ts';

interface AccountActor {
  account: { homePage: string; name: string };
}

/** Group statements by region, store them in the caller's transaction, return their ids in order. */
export async function recordProductStatements(
  db: Db,
  baseUrl: string,
  statements: readonly { actor: AccountActor }[],
  regionId?: string,
): Promise<string[]> {
  if (statements.length === 0) return [];
  for (const s of statements)
    if (!s.actor?.account || s.actor.account.homePage !== baseUrl)
      throw new AppError('VALIDATION', 'error.422.body');
  return db.tx(async (tx) => {
    const ids: string[] = [];
    const regions = new Map<string, string>();
    for (const s of statements) {
      const userId = s.actor.account.name;
      let region = regionId ?? regions.get(userId);
      if (!region) {
        region =
          (isUuid(userId) ? await regionOfUser(tx, userId) : null) ?? (await firstRegion(tx)) ?? undefined;
        if (!region) throw new AppError('VALIDATION', 'error.422.body');
        regions.set(userId, region);
      }
      try {
        const [id] = await storeStatements(
          tx,
          {
            regionId: region,
            authority: productAuthority(baseUrl),
            clientId: null,
            attachments: [],
            defaultVersion: '1.0.3',
          },
          [{ ...(s as unknown as JsonObject), version: '1.0.3' }],
        );
        ids.push(id as string);
      } catch (err) {
        if (err instanceof XapiError) throw new AppError('VALIDATION', 'error.422.body');
        throw err;
      }
    }
    return ids;
  });
}
