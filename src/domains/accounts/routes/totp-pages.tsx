// The TOTP pages shared by the sign-in step (/login/totp/enrol) and the account page (/account/totp):
// enrolment (QR code and secret) and the recovery codes shown once. Both carry secrets: never cached.
import type { FieldError } from '../../../platform/errors.ts';
import type { Ctx } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { enrolment, secondFactorRequired } from '../service/second-factor.ts';
import { EnrolView, RecoveryCodesView } from '../views/second-factor.tsx';
import { noStore } from './session-cookie.ts';

type AnyCtx = Ctx<unknown, unknown, unknown>;

/** The enrolment page of the user's new TOTP secret; the form posts to `action`. */
export async function renderEnrolPage(
  ctx: AnyCtx,
  o: { userId: string; email: string; action: string; errors: FieldError[]; status: number },
) {
  const t = translator(messages, ctx.locale);
  const e = await enrolment(ctx.deps, o.userId, o.email);
  noStore(ctx.reply);
  return ctx.page(
    t('totp.enrol.title'),
    <EnrolView
      t={t}
      csrf={ctx.csrfToken()}
      errors={o.errors}
      enrolment={e}
      action={o.action}
      required={await secondFactorRequired(ctx.db, o.userId)}
    />,
    o.status,
  );
}

/** The recovery codes, in this answer only (never cached, never in a redirect), then on to `next`. */
export function renderRecoveryCodes(ctx: AnyCtx, codes: string[], next: string) {
  noStore(ctx.reply);
  const t = translator(messages, ctx.locale);
  return ctx.page(t('totp.recovery.title'), <RecoveryCodesView t={t} codes={codes} next={next} />);
}
