// Input and output schemas of the credential administration (page forms and /api/v1).
import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';

export const SCOPE_CHOICES = ['readwrite', 'read', 'write'] as const;

export const clientForm = z.object({ name: f.text(200), scope: f.choice(SCOPE_CHOICES) });
export type ClientForm = z.infer<typeof clientForm>;

export const clientApiInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  scopes: z
    .array(z.enum(['read', 'write']))
    .min(1)
    .max(2),
});

export const idParams = z.object({ id: z.string().uuid() });

export const clientOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  key: z.string(),
  scopes: z.array(z.enum(['read', 'write'])),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdOut = clientOut.extend({ secret: z.string(), endpoint: z.string() });

export const scopesOf = (choice: (typeof SCOPE_CHOICES)[number]): ('read' | 'write')[] =>
  choice === 'readwrite' ? ['read', 'write'] : [choice];
