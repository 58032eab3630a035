// The launch sequence: (1) /lti/launch/:linkId sends the browser to the tool's OIDC login initiation URL
// with signed hints; (2) the tool sends it back to /lti/auth with an OIDC authentication request, which is
// validated here and answered with a signed id_token that the browser form-posts to the tool; (3) each
// issued id_token is recorded (lti_launches and an xAPI `launched` statement).
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { learnerAgent, recordStatements } from '../../xapi/index.ts';
import { canLaunchLti, learnerRegionIds, toolScope } from '../policy.ts';
import { findLaunchable, insertLaunch, type LaunchableLink } from '../repo-launches.ts';
import { findActiveToolByClientId } from '../repo-tools.ts';
import { loginHint, loginHintMatches, messageHint, readMessageHint } from './hints.ts';
import { signIdToken } from './id-token.ts';

export interface LaunchDeps {
  db: Db;
  keyring: Keyring;
  baseUrl: string;
}

async function launchable(db: Db, actor: Actor, linkId: string): Promise<LaunchableLink | null> {
  if (!canLaunchLti(actor)) return null;
  return findLaunchable(db, { ...toolScope(actor), learnerRegionIds: learnerRegionIds(actor) }, linkId);
}

/** Step 1: the tool's login initiation URL with iss, login_hint, target_link_uri and the message hint. */
export async function startLaunch(
  d: LaunchDeps,
  actor: Actor,
  linkId: string,
  returnPath: string,
): Promise<string> {
  const link = await launchable(d.db, actor, linkId);
  if (!link) throw new AppError('NOT_FOUND');
  const url = new URL(link.loginUrl);
  url.searchParams.set('iss', d.baseUrl);
  url.searchParams.set('login_hint', loginHint(d.keyring, actor.userId));
  url.searchParams.set('target_link_uri', link.targetUrl);
  url.searchParams.set('lti_message_hint', messageHint(d.keyring, actor.userId, { linkId, returnPath }));
  url.searchParams.set('client_id', link.clientId);
  url.searchParams.set('lti_deployment_id', link.deploymentId);
  return url.toString();
}

/** What /lti/auth answers. */
export type AuthOutcome =
  /** Nothing may be sent to the tool (unknown client, unregistered redirect URI): a localised page. */
  | { kind: 'page'; message: 'lti.error.client' | 'lti.error.redirectUri' }
  /** Form-post to the tool's redirect URI: the id_token and state, or an OIDC error and state. */
  | { kind: 'post'; action: string; fields: Record<string, string>; toolName: string }
  /** An OIDC error as query parameters of the redirect URI (response_mode other than form_post). */
  | { kind: 'redirect'; url: string };

export type AuthParams = Partial<Record<string, string>>;

function oidcError(
  p: AuthParams,
  to: { redirectUri: string; toolName: string },
  error: string,
  description: string,
): AuthOutcome {
  const fields: Record<string, string> = { error, error_description: description };
  if (p.state) fields.state = p.state;
  if (p.response_mode === 'form_post')
    return { kind: 'post', action: to.redirectUri, fields, toolName: to.toolName };
  const redirectUri = to.redirectUri;
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return { kind: 'redirect', url: url.toString() };
}

/** Step 2: validate the OIDC authentication request and issue the id_token (recording the launch). */
export async function authorize(
  d: LaunchDeps,
  actor: Actor | null,
  p: AuthParams,
  opts: { locale: Locale; ip: string },
): Promise<AuthOutcome> {
  const tool = p.client_id ? await findActiveToolByClientId(d.db, p.client_id) : null;
  if (!tool) return { kind: 'page', message: 'lti.error.client' };
  const redirectUri = p.redirect_uri ?? '';
  if (!tool.redirectUris.includes(redirectUri)) return { kind: 'page', message: 'lti.error.redirectUri' };
  const fail = (error: string, description: string) =>
    oidcError(p, { redirectUri, toolName: tool.name }, error, description);
  if (p.response_mode !== 'form_post') return fail('invalid_request', 'response_mode must be form_post');
  if (p.response_type !== 'id_token')
    return fail('unsupported_response_type', 'response_type must be id_token');
  if (!(p.scope ?? '').split(' ').includes('openid'))
    return fail('invalid_scope', 'scope must include openid');
  if (p.prompt !== 'none') return fail('invalid_request', 'prompt must be none');
  if (!p.nonce) return fail('invalid_request', 'nonce is required');
  if (!actor) return fail('login_required', 'the user is not signed in');
  if (!p.login_hint || !loginHintMatches(d.keyring, p.login_hint, actor.userId))
    return fail('login_required', 'login_hint does not match the signed-in user');
  const hint = p.lti_message_hint ? readMessageHint(d.keyring, p.lti_message_hint, actor.userId) : null;
  if (!hint) return fail('invalid_request', 'lti_message_hint is invalid or expired');
  const link = await launchable(d.db, actor, hint.linkId);
  if (!link) return fail('access_denied', 'the resource link is not available to this user');
  if (link.toolId !== tool.id) return fail('invalid_request', 'the resource link is not of this client');
  const idToken = await signIdToken(d.db, d.keyring, {
    baseUrl: d.baseUrl,
    link,
    actor,
    nonce: p.nonce,
    returnPath: hint.returnPath,
    locale: opts.locale,
  });
  await recordLaunch(d, actor, link, opts.ip);
  const fields: Record<string, string> = { id_token: idToken };
  if (p.state) fields.state = p.state;
  return { kind: 'post', action: redirectUri, fields, toolName: tool.name };
}

async function recordLaunch(d: LaunchDeps, actor: Actor, link: LaunchableLink, ip: string): Promise<void> {
  await d.db.tx(async (tx) => {
    const [statementId] = await recordStatements(
      tx,
      d.baseUrl,
      [
        {
          actor: learnerAgent(d.baseUrl, actor.userId),
          verb: {
            id: 'http://adlnet.gov/expapi/verbs/launched',
            display: { 'en-US': 'launched', 'sv-SE': 'startade' },
          },
          object: {
            objectType: 'Activity',
            id: `${d.baseUrl}/lti/links/${link.linkId}`,
            definition: {
              type: 'http://adlnet.gov/expapi/activities/link',
              name: { 'sv-SE': link.title },
            },
          },
          context: {
            platform: 'Kompetensnavet',
            contextActivities: {
              grouping: [{ id: `${d.baseUrl}/lti/tools/${link.toolId}`, objectType: 'Activity' }],
            },
          },
          timestamp: new Date().toISOString(),
        },
      ],
      link.regionId,
    );
    const id = randomUUID();
    await insertLaunch(tx, {
      id,
      linkId: link.linkId,
      userId: actor.userId,
      role: link.role,
      statementId: statementId ?? null,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'lti.launch',
      entityType: 'lti_link',
      entityId: link.linkId,
      ip,
      details: { toolId: link.toolId, role: link.role },
    });
  });
}
