// The types of the personal-data inventory (inventory.ts).
/** GDPR article 6.1: a public task (e), a legal obligation (c: ESF reporting, accounting, archiving), a contract (b). */
export type LegalBasis = '6.1e' | '6.1c' | '6.1b';

/** Who decides over the record: the region (programme-wide), the municipality or provider owning it, the company. */
export type Controller = 'region' | 'municipality' | 'provider' | 'company' | 'owner';

/** Why a row is kept when its person asks for erasure. */
export type KeepRule =
  | 'public_records' // allmän handling: kept and archived under the archiving law until a disposal decision
  | 'esf_retention' // ESF programme records: kept until the programme's end + retention_years
  | 'audit_log' // append-only audit log (security and accountability)
  | 'accounting' // bookkeeping law: 7 years
  | 'pseudonymous'; // holds only an internal id; once the user is anonymised it no longer names anyone

export type Erasure =
  | { action: 'delete' }
  /** column → a constant SQL expression (fixed in code, never input) */
  | { action: 'anonymise'; set: Record<string, string> }
  | { action: 'keep'; rule: KeepRule };

interface Base {
  table: string;
  /** The owning domain (or `platform`). */
  domain: string;
}

export interface NotPersonal extends Base {
  kind: 'none';
}

/** Holds only the ids of users who acted on the record (created, approved, signed…); kept with the record. */
export interface TraceTable extends Base {
  kind: 'trace';
  columns: string[];
  rule: KeepRule;
}

/** Rows about a person: found by `where`, exported, and erased as `erasure` says. */
export interface SubjectTable extends Base {
  kind: 'subject';
  /** The columns that hold personal data. */
  columns: string[];
  /** How a row links to the person (documentation). */
  link: string;
  /**
   * SQL condition over the table (alias-free) selecting the person's rows: `$1::uuid` is the user id (may be
   * null), `$2::text[]` the person's lowercased e-mail addresses.
   */
  where: string;
  /** Narrower condition for the erasure, when not every found row is erased the same way. */
  eraseWhere?: string;
  /** Columns never exported (hashes of secrets, sealed values, file bytes). */
  secret?: string[];
  purpose: string;
  basis: LegalBasis;
  controller: Controller;
  retention: string;
  erasure: Erasure;
}

export type InventoryEntry = NotPersonal | TraceTable | SubjectTable;
