// Staff single sign-on with OpenID Connect: the relying-party side of the authorization code flow with
// PKCE (S256), state and nonce, client_secret_basic, and id_token checks with jose against the issuer's
// JWKS. Then the identity is mapped to an existing staff account; nothing is ever created from a login.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Db } from '../../../platform/db.ts';
import type { Env } from '../../../platform/env.ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string | null;
}

/** The configured issuer, or null when single sign-on is off (env.ts validates all-or-none). */
export function oidcConfig(env: Env): OidcConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    label: env.OIDC_LABEL ?? null,
  };
}

/** Why a single sign-on attempt stopped. Protocol reasons are the IdP's or an attacker's; the rest the account's. */
export type SsoFailure =
  | 'unavailable'
  | 'idp_error'
  | 'state'
  | 'token'
  | 'nonce'
  | 'email_unverified'
  | 'unknown_account'
  | 'disabled'
  | 'not_staff'
  | 'sub_mismatch';

export class SsoError extends Error {
  constructor(readonly reason: SsoFailure) {
    super(`single sign-on refused: ${reason}`);
  }
}

/** A refusal that concerns a known account (its id goes to the audit log, the e-mail never). */
export class SsoErrorFor extends SsoError {
  constructor(
    reason: SsoFailure,
    readonly userId: string,
  ) {
    super(reason);
  }
}

const DISCOVERY_TIMEOUT_MS = 5000;
const TOKEN_TIMEOUT_MS = 10000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

const discoverySchema = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
});
type Discovery = z.infer<typeof discoverySchema>;

interface Issuer {
  doc: Discovery;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  at: number;
}

// Per process: the discovery document and the key set (jose refetches keys on an unknown `kid`).
const issuers = new Map<string, Issuer>();

async function discover(issuer: string): Promise<Issuer> {
  const cached = issuers.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached;
  let doc: Discovery;
  try {
    const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    doc = discoverySchema.parse(await res.json());
  } catch {
    throw new SsoError('unavailable');
  }
  // OpenID Connect Discovery 4.3: the document must name exactly the issuer it was fetched for.
  if (doc.issuer !== issuer) throw new SsoError('unavailable');
  const entry: Issuer = {
    doc,
    jwks: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS }),
    at: Date.now(),
  };
  issuers.set(issuer, entry);
  return entry;
}

/** The secrets of one login attempt, kept in a signed HTTP-only cookie between the two redirects. */
export interface LoginAttempt {
  state: string;
  nonce: string;
  verifier: string;
  next: string | null;
}

export function newLoginAttempt(next: string | null): LoginAttempt {
  const r = () => randomBytes(32).toString('base64url');
  return { state: r(), nonce: r(), verifier: r(), next };
}

const attemptSchema = z.object({
  state: z.string().min(20).max(100),
  nonce: z.string().min(20).max(100),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2000).nullable(),
});

export const encodeAttempt = (a: LoginAttempt): string =>
  Buffer.from(JSON.stringify(a)).toString('base64url');

export function decodeAttempt(value: string): LoginAttempt | null {
  try {
    const parsed = attemptSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where to send the browser: the issuer's authorization endpoint with PKCE, state and nonce. */
export async function authorizationUrl(
  cfg: OidcConfig,
  redirectUri: string,
  attempt: LoginAttempt,
): Promise<string> {
  const { doc } = await discover(cfg.issuer);
  const url = new URL(doc.authorization_endpoint);
  const challenge = createHash('sha256').update(attempt.verifier).digest('base64url');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', attempt.state);
  url.searchParams.set('nonce', attempt.nonce);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export interface IdentityClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

const tokenResponse = z.object({ id_token: z.string().min(10).max(20000) });

/** RFC 6749 2.3.1: client id and secret are form-encoded before they go into the Basic header. */
const basicAuth = (cfg: OidcConfig): string => {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(cfg.clientId)}:${enc(cfg.clientSecret)}`).toString('base64')}`;
};

/** Redeem the code at the token endpoint and verify the id_token; the access token is not used or kept. */
export async function redeemCode(
  cfg: OidcConfig,
  redirectUri: string,
  code: string,
  attempt: LoginAttempt,
): Promise<IdentityClaims> {
  const { doc, jwks } = await discover(cfg.issuer);
  let idToken: string;
  try {
    const res = await fetch(doc.token_endpoint, {
      method: 'POST',
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      headers: {
        authorization: basicAuth(cfg),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: attempt.verifier,
      }).toString(),
    });
    if (!res.ok) throw new SsoError('token');
    idToken = tokenResponse.parse(await res.json()).id_token;
  } catch (err) {
    if (err instanceof SsoError) throw err;
    throw new SsoError(err instanceof z.ZodError ? 'token' : 'unavailable');
  }
  let payload: Record<string, unknown>;
  try {
    // Signature by the issuer's keys, iss, aud and exp (required), checked by jose.
    ({ payload } = await jwtVerify(idToken, jwks, {
      issuer: doc.issuer,
      audience: cfg.clientId,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 30,
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWKSTimeout) throw new SsoError('unavailable');
    throw new SsoError('token');
  }
  const aud = payload.aud;
  // OpenID Connect Core 3.1.3.7: with several audiences azp must be present; when present it must be us.
  if (Array.isArray(aud) && aud.length > 1 && payload.azp === undefined) throw new SsoError('token');
  if (payload.azp !== undefined && payload.azp !== cfg.clientId) throw new SsoError('token');
  if (typeof payload.nonce !== 'string' || !sameSecret(payload.nonce, attempt.nonce))
    throw new SsoError('nonce');
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) throw new SsoError('token');
  const email = typeof payload.email === 'string' && payload.email.length <= 254 ? payload.email : null;
  return { issuer: doc.issuer, subject: sub, email, emailVerified: payload.email_verified === true };
}

// ---------------------------------------------------------------- mapping to an account

export const STAFF_ROLES = [
  'region_admin',
  'municipality_officer',
  'coach',
  'esf_admin',
  'provider',
] as const;

interface AccountRow {
  id: string;
  disabled: boolean;
  staff: boolean;
}

const accountColumns = `u.id, u.disabled_at IS NOT NULL AS disabled,
  EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = ANY($2::text[])) AS staff`;

/**
 * The account an identity signs in to. A remembered (issuer, sub) wins; otherwise the one account with
 * this verified e-mail, remembered from now on. Refused: unverified e-mail, no such account, a disabled
 * or non-staff account, and an account already bound to another identity at this issuer.
 */
export async function mapIdentity(
  db: Db,
  claims: IdentityClaims,
): Promise<{ userId: string; linked: 'existing' | 'new' }> {
  const staff = [...STAFF_ROLES];
  const [bound] = await db.query<AccountRow>(
    `SELECT ${accountColumns} FROM oidc_identities i JOIN users u ON u.id = i.user_id
      WHERE i.issuer = $1 AND i.subject = $3`,
    [claims.issuer, staff, claims.subject],
  );
  if (bound) {
    check(bound);
    await db.query(`UPDATE oidc_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2`, [
      claims.issuer,
      claims.subject,
    ]);
    return { userId: bound.id, linked: 'existing' };
  }
  if (!claims.emailVerified || !claims.email) throw new SsoError('email_unverified');
  const [account] = await db.query<AccountRow>(
    `SELECT ${accountColumns} FROM users u WHERE lower(u.email) = lower($1)`,
    [claims.email, staff],
  );
  if (!account) throw new SsoError('unknown_account');
  check(account);
  // The unique (user_id, issuer) index refuses a second identity for the account, even in a race.
  const inserted = await db.query<{ user_id: string }>(
    `INSERT INTO oidc_identities (issuer, subject, user_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [claims.issuer, claims.subject, account.id],
  );
  if (inserted.length === 0) throw new SsoErrorFor('sub_mismatch', account.id);
  return { userId: account.id, linked: 'new' };
}

function check(account: AccountRow): void {
  if (account.disabled) throw new SsoErrorFor('disabled', account.id);
  if (!account.staff) throw new SsoErrorFor('not_staff', account.id);
}

/** Tests: forget cached discovery documents (a provider restarted on another port). */
export function forgetIssuers(): void {
  issuers.clear();
}
