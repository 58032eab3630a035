// The accessibility statement, the privacy notice and the public report form.
import type { FieldError } from '../../../platform/errors.ts';
import { Checkbox, CsrfField, ErrorSummary, Field, Select, TextArea } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { NoticesKey } from '../messages.ts';

type Tn = T<NoticesKey>;

const H2 = (props: { children: string }) => (
  <h2 class="ds-heading" data-size="sm" safe>
    {props.children}
  </h2>
);
const P = (props: { children: string }) => (
  <p class="ds-paragraph" safe>
    {props.children}
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
      <h1 class="ds-heading" data-size="lg" safe>
        {t('a11y.title')}
      </h1>
      <P>{t('a11y.intro')}</P>
      <H2>{t('a11y.alternative.title')}</H2>
      <P>{t('a11y.alternative.body')}</P>
      <H2>{t('a11y.contact.title')}</H2>
      <P>{t('a11y.contact.body')}</P>
      <H2>{t('a11y.report.title')}</H2>
      <P>{t('a11y.report.body')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.reportHref} data-testid="report-link" safe>
          {t('a11y.report.link')}
        </a>
      </p>
      <H2>{t('a11y.supervision.title')}</H2>
      <P>{t('a11y.supervision.body')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href="https://www.digg.se/tdosanmalan" safe>
          {t('a11y.supervision.link')}
        </a>
      </p>
      <H2>{t('a11y.status.title')}</H2>
      <P>{t('a11y.status.body')}</P>
      <H2>{t('a11y.gaps.title')}</H2>
      <P>{t('a11y.gaps.intro')}</P>
      <ul class="ds-list">
        {gaps.map((g) => (
          <li safe>{t(`a11y.gap.${g}`)}</li>
        ))}
      </ul>
      <H2>{t('a11y.method.title')}</H2>
      <P>{t('a11y.method.body')}</P>
      <P>{t('a11y.method.date')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href="/statistik" safe>
          {t('a11y.statistics')}
        </a>
      </p>
    </article>
  );
}

export function PrivacyPage(props: { t: Tn }): JSX.Element {
  const { t } = props;
  return (
    <article class="kn-prose" data-testid="privacy-notice">
      <h1 class="ds-heading" data-size="lg" safe>
        {t('privacy.title')}
      </h1>
      <P>{t('privacy.intro')}</P>
      <H2>{t('privacy.controllers.title')}</H2>
      <ul class="ds-list">
        <li safe>{t('privacy.controllers.region')}</li>
        <li safe>{t('privacy.controllers.municipality')}</li>
        <li safe>{t('privacy.controllers.provider')}</li>
      </ul>
      <H2>{t('privacy.purposes.title')}</H2>
      <P>{t('privacy.purposes.body')}</P>
      <H2>{t('privacy.bases.title')}</H2>
      <ul class="ds-list">
        <li safe>{t('privacy.bases.public')}</li>
        <li safe>{t('privacy.bases.legal')}</li>
        <li safe>{t('privacy.bases.sensitive')}</li>
      </ul>
      <H2>{t('privacy.recipients.title')}</H2>
      <P>{t('privacy.recipients.body')}</P>
      <H2>{t('privacy.retention.title')}</H2>
      <P>{t('privacy.retention.body')}</P>
      <H2>{t('privacy.transfers.title')}</H2>
      <P>{t('privacy.transfers.body')}</P>
      <H2>{t('privacy.rights.title')}</H2>
      <P>{t('privacy.rights.body')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href="/privacy/my-data" safe>
          {t('privacy.myData')}
        </a>
      </p>
      <H2>{t('privacy.complaint.title')}</H2>
      <P>{t('privacy.complaint.body')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href="https://www.imy.se" safe>
          {t('privacy.complaint.link')}
        </a>
      </p>
      <P>{t('privacy.updated')}</P>
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
      <h1 class="ds-heading" data-size="lg" safe>
        {t('report.title')}
      </h1>
      <P>{t('report.intro')}</P>
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
      <h1 class="ds-heading" data-size="lg" safe>
        {t('report.sent.title')}
      </h1>
      <P>{t('report.sent.body')}</P>
      <p class="ds-paragraph">
        <a class="ds-link" href="/accessibility" safe>
          {t('report.backToStatement')}
        </a>
      </p>
    </div>
  );
}
