// The LTI 1.3 resource-link launch id_token (RS256, the installation's LTI key, 5 minutes).
import { SignJWT } from 'jose';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { Keyring } from '../../../platform/secrets.ts';
import { currentSigningKey } from '../../../platform/signing-keys.ts';
import type { LaunchableLink } from '../repo-launches.ts';
import { pseudonym } from './hints.ts';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
} as const;
export const TOKEN_SECONDS = 5 * 60;

export interface IdTokenInput {
  baseUrl: string;
  link: LaunchableLink;
  actor: Actor;
  nonce: string;
  returnPath: string;
  locale: Locale;
}

/** The claims of the id_token: only the pseudonym identifies the user, unless the tool may receive more. */
export function idTokenClaims(i: IdTokenInput): Record<string, unknown> {
  const { link } = i;
  return {
    sub: pseudonym(link.pseudonymSecret, i.actor.userId),
    azp: link.clientId,
    nonce: i.nonce,
    ...(link.shareName ? { name: i.actor.name } : {}),
    ...(link.shareEmail ? { email: i.actor.email } : {}),
    [`${LTI}/message_type`]: 'LtiResourceLinkRequest',
    [`${LTI}/version`]: '1.3.0',
    [`${LTI}/deployment_id`]: link.deploymentId,
    [`${LTI}/target_link_uri`]: link.targetUrl,
    [`${LTI}/resource_link`]: { id: link.linkId, title: link.title },
    [`${LTI}/roles`]: [ROLE[link.role]],
    [`${LTI}/context`]: {
      id: link.toolId,
      label: link.toolName,
      title: `${link.toolName} – ${link.providerName}`,
      type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'],
    },
    [`${LTI}/tool_platform`]: {
      guid: new URL(i.baseUrl).host,
      name: 'Kompetensnavet',
      product_family_code: 'kompetensnavet',
      url: i.baseUrl,
    },
    [`${LTI}/launch_presentation`]: {
      document_target: 'window',
      return_url: `${i.baseUrl}${i.returnPath}`,
      locale: i.locale === 'sv' ? 'sv-SE' : 'en',
    },
    [`${LTI}/custom`]: link.custom,
  };
}

export async function signIdToken(db: Db, keyring: Keyring, input: IdTokenInput): Promise<string> {
  const key = await currentSigningKey(db, keyring, 'lti');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(idTokenClaims(input))
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(input.baseUrl)
    .setAudience(input.link.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_SECONDS)
    .sign(key.privateKey);
}
