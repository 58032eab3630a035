// The pages of the launch: the form that posts the id_token (or an OIDC error) to the tool, the same-site
// re-submission of a cross-site POST, and the error page when nothing may be sent to the tool.
import type { T } from '../../../platform/i18n/index.ts';
import type { LtiKey } from '../messages.ts';

type LT = T<LtiKey>;

/** A form to the tool with a visible button (works without JavaScript); lti-autopost.js submits it. */
export function AutoPostPage(props: {
  t: LT;
  toolName: string;
  action: string;
  fields: Record<string, string>;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.autopost.title')}
      </h1>
      <form method="post" action={props.action} data-lti-autopost>
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p class="ds-paragraph" safe>
          {t('lti.autopost.intro', { tool: props.toolName })}
        </p>
        <button type="submit" class="ds-button" safe>
          {t('lti.autopost.continue')}
        </button>
      </form>
      <script src="/assets/lti-autopost.js" defer></script>
    </>
  );
}

/** A cross-site POST arrived without the session cookie: send the same request again from this site. */
export function ResubmitPage(props: { t: LT; fields: Record<string, string> }): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.resubmit.title')}
      </h1>
      <form method="get" action="/lti/auth" data-lti-autopost>
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p class="ds-paragraph" safe>
          {t('lti.resubmit.intro')}
        </p>
        <button type="submit" class="ds-button" safe>
          {t('lti.resubmit.continue')}
        </button>
      </form>
      <script src="/assets/lti-autopost.js" defer></script>
    </>
  );
}

export function LaunchErrorPage(props: { t: LT; message: LtiKey }): JSX.Element {
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {props.t('lti.error.title')}
      </h1>
      <p class="ds-paragraph" data-testid="lti-error" safe>
        {props.t(props.message)}
      </p>
    </>
  );
}
