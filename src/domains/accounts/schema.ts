import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';

export const loginForm = z.object({
  email: f.text(254),
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000, 'validation.tooLong'),
  next: z.string().max(500).optional(),
});
export type LoginForm = z.infer<typeof loginForm>;

export const loginQuery = z.object({ next: z.string().max(500).optional() });
