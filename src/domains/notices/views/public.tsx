// The accessibility statement, the privacy notice and the public report form.
import type { FieldError } from '../../../platform/errors.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { NoticesKey } from '../messages.ts';

type Tn = T<NoticesKey>;

const H1 = (props: { text: string }) => (
  <h1 class="ds-heading" data-size="lg" safe>
    {props.text}
  </h1>
);
const H2 = (props: { text: string }) => (
  <h2 class="ds-heading" data-size="sm" safe>
    {props.text}
  </h2>
);
const P = (props: { text: string }) => (
  <p class="ds-paragraph" safe>
    {props.text}
  </p>
);
/** A link in a paragraph of its own. */
const LinkP = (props: { href: string; text: string; testId?: string }) => (
  <p class="ds-paragraph">
    <a class="ds-link" href={props.href} data-testid={props.testId} safe>
      {props.text}
    </a>
  </p>
);

const gaps = [
  'thirdPartyPdf',
  'generatedPdf',
  'spreadsheets',
  'charts',
  'external',
  'wideTables',
  'video',
] as const;

export function StatementPage(props: { t: Tn; reportHref: string }): JSX.Element {
  const { t } = props;
  return (
    <article class="kn-prose" data-testid="accessibility-statement">
      <H1 text={t('a11y.title')} />
      <P text={t('a11y.intro')} />
      <H2 text={t('a11y.alternative.title')} />
      <P text={t('a11y.alternative.body')} />
      <H2 text={t('a11y.contact.title')} />
      <P text={t('a11y.contact.body')} />
      <H2 text={t('a11y.report.title')} />
      <P text={t('a11y.report.body')} />
      <LinkP href={props.reportHref} text={t('a11y.report.link')} testId="report-link" />
      <H2 text={t('a11y.supervision.title')} />
      <P text={t('a11y.supervision.body')} />
      <LinkP href="https://www.digg.se/tdosanmalan" text={t('a11y.supervision.link')} />
      <H2 text={t('a11y.status.title')} />
      <P text={t('a11y.status.body')} />
      <H2 text={t('a11y.gaps.title')} />
      <P text={t('a11y.gaps.intro')} />
      <ul class="ds-list">
        {gaps.map((g) => (
          <li safe>{t(`a11y.gap.${g}`)}</li>
        ))}
      </ul>
      <H2 text={t('a11y.method.title')} />
      <P text={t('a11y.method.body')} />
      <P text={t('a11y.method.date')} />
      <LinkP href="/statistik" text={t('a11y.statistics')} />
    </article>
  );
}

export function PrivacyPage(props: { t: Tn }): JSX.Element {
  const { t } = props;
  return (
    <article class="kn-prose" data-testid="privacy-notice">
      <H1 text={t('privacy.title')} />
      <P text={t('privacy.intro')} />
      <H2 text={t('privacy.controllers.title')} />
      <ul class="ds-list">
        <li safe>{t('privacy.controllers.region')}</li>
        <li safe>{t('privacy.controllers.municipality')}</li>
        <li safe>{t('privacy.controllers.provider')}</li>
      </ul>
      <H2 text={t('privacy.purposes.title')} />
      <P text={t('privacy.purposes.body')} />
      <H2 text={t('privacy.bases.title')} />
      <ul class="ds-list">
        <li safe>{t('privacy.bases.public')}</li>
        <li safe>{t('privacy.bases.legal')}</li>
        <li safe>{t('privacy.bases.sensitive')}</li>
      </ul>
      <H2 text={t('privacy.recipients.title')} />
      <P text={t('privacy.recipients.body')} />
      <H2 text={t('privacy.retention.title')} />
      <P text={t('privacy.retention.body')} />
      <H2 text={t('privacy.transfers.title')} />
      <P text={t('privacy.transfers.body')} />
      <H2 text={t('privacy.rights.title')} />
      <P text={t('privacy.rights.body')} />
      <LinkP href="/privacy/my-data" text={t('privacy.myData')} />
      <H2 text={t('privacy.complaint.title')} />
      <P text={t('privacy.complaint.body')} />
      <LinkP href="https://www.imy.se" text={t('privacy.complaint.link')} />
      <P text={t('privacy.updated')} />
    </article>
  );
}

export interface ReportFormProps {
  t: Tn;
  csrf: string;
  values: Record<string, string>;
  errors: FieldError[];
  organisations: { value: string; label: string }[];
}

export function ReportFormPage(props: ReportFormProps): JSX.Element {
  const { t, values, errors } = props;
  return (
    <div class="kn-narrow">
      <H1 text={t('report.title')} />
      <P text={t('report.intro')} />
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/accessibility/report" class="kn-form" novalidate data-testid="report-form">
        <CsrfField token={props.csrf} />
        <Field
          name="page"
          label={t('report.page')}
          hint={t('report.pageHint')}
          value={values.page}
          errors={errors}
          t={t}
          required
          maxlength={500}
        />
        <TextArea
          name="description"
          label={t('report.description')}
          hint={t('report.descriptionHint')}
          value={values.description}
          errors={errors}
          t={t}
          rows={6}
          maxlength={4000}
        />
        <Checkbox
          name="wantsAlternative"
          label={t('report.wantsAlternative')}
          checked={values.wantsAlternative === 'on'}
        />
        <Select
          name="organisationId"
          label={t('report.organisation')}
          hint={t('report.organisationHint')}
          value={values.organisationId ?? ''}
          options={props.organisations}
          emptyLabel={t('report.chooseOrganisation')}
          errors={errors}
          t={t}
        />
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('report.contact')}
          </legend>
          <Field
            name="name"
            label={t('report.name')}
            value={values.name}
            errors={errors}
            t={t}
            autocomplete="name"
            maxlength={200}
          />
          <Field
            name="email"
            type="email"
            label={t('report.email')}
            hint={t('report.emailHint')}
            value={values.email}
            errors={errors}
            t={t}
            autocomplete="email"
            maxlength={254}
          />
        </fieldset>
        {/* The honeypot: hidden from people and assistive technology, filled in by bots. */}
        <div class="ds-sr-only" aria-hidden="true">
          <label for="f-website" safe>
            {t('report.honeypot')}
          </label>
          <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
        </div>
        <button type="submit" class="ds-button" data-variant="primary" safe>
          {t('report.submit')}
        </button>
      </form>
    </div>
  );
}

export function ReportSentPage(props: { t: Tn }): JSX.Element {
  const { t } = props;
  return (
    <div class="kn-narrow" data-testid="report-sent">
      <H1 text={t('report.sent.title')} />
      <P text={t('report.sent.body')} />
      <LinkP href="/accessibility" text={t('report.backToStatement')} />
    </div>
  );
}
