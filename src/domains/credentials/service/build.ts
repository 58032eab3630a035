// The unsigned OpenBadgeCredential of a completion (VC Data Model 2.0 + Open Badges 3.0.3 contexts).
// The learner is identified only by a salted SHA-256 hash of their e-mail address (an IdentityObject):
// no name, e-mail or personnummer in clear. Competences are alignments to JobTech Taxonomy concepts, the
// SUN 2020 level an alignment of its own, hours are `creditsAvailable` (see README).
import { createHash, randomBytes } from 'node:crypto';
import { OB_SCHEMA, OB_V3, VC_V2 } from './contexts.ts';
import { credentialUrl, issuerProfile, statusListUrl } from './issuer.ts';
import { dateTime, type JsonObject } from './proof.ts';
import type { AchievementInput } from './types.ts';

export const JOBTECH_CONCEPT_URL = 'https://data.jobtechdev.se/taxonomy/concept/';
export const SUN_URL =
  'https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/';

/** `sha256$<hex>` of the normalised e-mail followed by the salt (Open Badges IdentityHash). */
export function identityHash(email: string, salt: string): string {
  return `sha256$${createHash('sha256').update(`${email.trim().toLowerCase()}${salt}`, 'utf8').digest('hex')}`;
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function achievementId(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/credentials/achievements/${encodeURIComponent(key)}`;
}

function alignments(a: AchievementInput): JsonObject[] {
  const out: JsonObject[] = a.competences.map((c) => ({
    type: ['Alignment'],
    targetName: c.label,
    targetUrl: `${JOBTECH_CONCEPT_URL}${encodeURIComponent(c.conceptId)}`,
    targetFramework: 'JobTech Taxonomy',
    targetCode: c.conceptId,
    targetType: 'ceasn:Competency',
  }));
  if (a.level)
    out.push({
      type: ['Alignment'],
      targetName: a.level.label,
      targetUrl: SUN_URL,
      targetFramework: 'SUN 2020',
      targetCode: a.level.code,
      targetType: 'ext:SUN2020Level',
    });
  return out;
}

export interface BuildInput {
  id: string;
  baseUrl: string;
  organisation: { id: string; name: string };
  achievement: AchievementInput;
  issuedAt: Date;
  email: string;
  salt: string;
  statusIndex: number;
}

export function buildCredential(p: BuildInput): JsonObject {
  const a = p.achievement;
  const listUrl = statusListUrl(p.baseUrl, p.organisation.id);
  const alignment = alignments(a);
  return {
    '@context': [VC_V2, OB_V3],
    id: credentialUrl(p.baseUrl, p.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: a.name,
    issuer: issuerProfile(p.baseUrl, p.organisation),
    validFrom: dateTime(p.issuedAt),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: identityHash(p.email, p.salt),
          identityType: 'emailAddress',
          hashed: true,
          salt: p.salt,
        },
      ],
      achievement: {
        id: achievementId(p.baseUrl, a.key),
        type: ['Achievement'],
        achievementType: 'Course',
        name: a.name,
        description: a.description.trim() === '' ? a.name : a.description,
        criteria: { narrative: a.criteria.trim() === '' ? a.name : a.criteria },
        ...(alignment.length > 0 ? { alignment } : {}),
        ...(a.hours > 0 ? { creditsAvailable: a.hours } : {}),
        inLanguage: a.language,
      },
    },
    credentialSchema: [{ id: OB_SCHEMA, type: 'JsonSchema' }],
    credentialStatus: {
      id: `${listUrl}#${p.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(p.statusIndex),
      statusListCredential: listUrl,
    },
  };
}
