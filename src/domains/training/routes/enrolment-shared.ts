// Shared by the enrolment pages and the people pages of the training domain.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type Ctx, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { enrolmentMessages } from '../messages/enrolment.ts';
import { canEnrol, isLearner } from '../policy.ts';

export type AnyCtx = Ctx<unknown, unknown, unknown>;
export const enrolAccess = policy('canEnrol', canEnrol);
export const learnerAccess = policy('isLearner', isLearner);
export const idParams = z.object({ id: z.string().uuid() });
export const companyQuery = z.object({ companyId: z.string().uuid().optional() });
export const T = (ctx: { locale: 'sv' | 'en' }) => translator(enrolmentMessages, ctx.locale);

/** Known errors of a form post shown on the page (422 for validation, the error's status otherwise). */
export function formErrors(err: unknown): { errors: FieldError[]; status: number } {
  if (!(err instanceof AppError) || err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN') throw err;
  if (err.code === 'VALIDATION') return { errors: err.fields, status: 422 };
  return { errors: [{ field: '_form', message: err.message }], status: err.status };
}
