// Inputs and API outputs of the credentials routes.
import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';
import type { Credential } from '../service/holders.ts';

export const idParams = z.object({ id: z.string().uuid() });
export const shareForm = z.object({
  shared: f.choice(['true', 'false'] as const).transform((v) => v === 'true'),
});
export const shareApi = z.object({ shared: z.boolean() });
export const revokeInput = z.object({ reason: f.text(1000) });
export const verifyInput = z.object({
  credential: z.union([z.string().min(1).max(200_000), z.record(z.string(), z.unknown())]),
});

export const credentialOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  sourceKind: z.enum(['elearning', 'training']),
  issuedAt: z.date(),
  status: z.enum(['active', 'revoked']),
  shared: z.boolean(),
  revokedAt: z.date().nullable(),
  url: z.string(),
});
export const issuedOut = credentialOut.extend({ revocationReason: z.string().nullable() });

export const verificationOut = z.object({
  verified: z.boolean(),
  format: z.enum(['ldp', 'jwt']).nullable(),
  credentialId: z.string().nullable(),
  checks: z.object({
    schema: z.boolean(),
    issuerKnown: z.boolean(),
    signature: z.boolean(),
    valid: z.boolean(),
    notRevoked: z.boolean(),
  }),
});

export const credentialJson = (c: Credential, baseUrl: string) => ({
  id: c.id,
  name: c.name,
  organisationId: c.organisationId,
  organisationName: c.organisationName,
  sourceKind: c.sourceKind,
  issuedAt: c.issuedAt,
  status: c.status,
  shared: c.shared,
  revokedAt: c.revokedAt,
  url: `${baseUrl.replace(/\/+$/, '')}/credentials/${c.id}`,
});
