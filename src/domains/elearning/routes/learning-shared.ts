// What the learning routes share: access, the translator, path parameters.
import { z } from 'zod';
import { policy } from '../../../platform/http/registry.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { learningMessages } from '../messages/learning.ts';
import { canInviteLearners, canLearn } from '../policy-learning.ts';

export const learnAccess = policy('canLearn', canLearn);
export const inviteAccess = policy('canInviteLearners', canInviteLearners);
export const tOf = (ctx: { locale: Locale }) => translator(learningMessages, ctx.locale);
export const courseParams = z.object({ courseId: z.string().uuid() });
export const enrolmentParams = z.object({ enrolmentId: z.string().uuid() });
export const lessonParams = enrolmentParams.extend({ lessonId: z.string().uuid() });
export const attemptParams = enrolmentParams.extend({ attemptId: z.string().uuid() });
