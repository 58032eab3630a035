import { z } from 'zod';
import { roles } from '../../platform/auth.ts';
import { f } from '../../platform/http/forms.ts';
import { locales } from '../../platform/i18n/index.ts';

export const loginForm = z.object({
  email: f.text(254),
  password: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .max(1000, 'validation.tooLong'),
  next: z.string().max(500).optional(),
});
export type LoginForm = z.infer<typeof loginForm>;

export const loginQuery = z.object({ next: z.string().max(500).optional() });

export const PASSWORD_MIN = 12;

const newPassword = z
  .string({ error: 'validation.required' })
  .min(PASSWORD_MIN, 'validation.password.weak')
  .max(1000, 'validation.tooLong');

const confirm = z.string({ error: 'validation.required' }).max(1000, 'validation.tooLong');
const sameTwice = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { path: ['confirm'], message: 'validation.password.mismatch' };

export const acceptInvitationForm = z
  .object({ name: f.text(200), password: newPassword, confirm })
  .refine(sameTwice, mismatch);
export type AcceptInvitationForm = z.infer<typeof acceptInvitationForm>;

export const resetPasswordForm = z.object({ password: newPassword, confirm }).refine(sameTwice, mismatch);
export type ResetPasswordForm = z.infer<typeof resetPasswordForm>;

export const forgotForm = z.object({ email: f.email() });

/** A one-time link's token as it appears in the URL (anything else is simply an unknown link). */
export const tokenParams = z.object({ token: z.string().max(200) });

export const idParams = z.object({ id: z.string().uuid() });

/** Roles granted in an organisation (company roles are granted from the company's page). */
export const organisationRoles = [
  'region_admin',
  'municipality_officer',
  'coach',
  'provider',
  'esf_admin',
] as const;

export const inviteForm = z.object({
  email: f.email(),
  name: f.text(200),
  organisationId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string({ error: 'validation.choice' }).uuid('validation.choice'),
  ),
  role: f.choice(organisationRoles),
  locale: f.choice(locales).default('sv'),
});
export type InviteForm = z.infer<typeof inviteForm>;

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

export const MAX_TOKEN_DAYS = 365;
export const apiTokenForm = z.object({ name: f.text(100), expiresInDays: f.optInt(1, MAX_TOKEN_DAYS) });
export type ApiTokenForm = z.infer<typeof apiTokenForm>;

// ---------------------------------------------------------------- API answers

export const membershipOut = z.object({
  id: z.string().uuid(),
  role: z.enum(roles),
  organisationId: z.string().uuid().nullable(),
  companyId: z.string().uuid().nullable(),
  organisationName: z.string(),
});

export const userOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  status: z.enum(['active', 'invited', 'disabled']),
  ssoLinked: z.boolean().describe('Bound to an identity at a single sign-on issuer'),
  memberships: z.array(membershipOut),
});

export const userListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(userOut),
});

export const invitationOut = z.object({
  userId: z.string().uuid(),
  membershipId: z.string().uuid().nullable(),
  userCreated: z.boolean(),
  membershipCreated: z.boolean(),
  mailed: z.enum(['invitation', 'notice', 'none']),
});

// ---------------------------------------------------------------- sessions and two-factor

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); spaces allowed. */
export const codeForm = z.object({
  code: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(20, 'validation.tooLong'),
});

/** The account page's form for new recovery codes (its own field name: the page also has the disable form). */
export const renewCodesForm = z.object({ renewCode: codeForm.shape.code });
export const recoveryCodesOut = z.object({
  recoveryCodes: z
    .array(z.string())
    .describe('Ten new one-time codes (xxxxx-xxxxx), shown only in this answer'),
});

export const changePasswordForm = z
  .object({
    current: z
      .string({ error: 'validation.required' })
      .min(1, 'validation.required')
      .max(1000, 'validation.tooLong'),
    password: newPassword,
    confirm,
  })
  .refine(sameTwice, mismatch);

export const sessionOut = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  method: z.string().nullable(),
  secondFactor: z.boolean(),
  current: z.boolean(),
});
export const sessionListOut = z.object({ items: z.array(sessionOut) });
