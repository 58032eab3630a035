// Read model for the payment-claim periods: the latest certificate version of each participant and month,
// with its status and whole hours. No access check: the caller (a claim-period use case) has done it.
import type { Db } from '../../../platform/db.ts';
import { latestPerMonth, type MonthStatusRow } from '../repo-certificates.ts';

export type CertificateMonthStatus = MonthStatusRow;

/** Per participant × month in [firstMonth, lastMonth] (YYYY-MM): latest version, its status and hours. */
export async function certificateStatusForMonths(
  db: Db,
  programmeId: string,
  firstMonth: string,
  lastMonth: string,
): Promise<CertificateMonthStatus[]> {
  return latestPerMonth(db, programmeId, firstMonth, lastMonth);
}
