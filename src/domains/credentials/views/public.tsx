// The public verification page of a shared credential: the achievement, the issuer, the date and the result
// of the server-side verification made for this request.
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { VerificationResult } from '../service/verify.ts';
import { type CT, day } from './shared.tsx';

export interface PublicVm {
  id: string;
  name: string;
  description: string;
  criteria: string;
  issuerName: string;
  issuedAt: Date;
  hours: number | null;
  competences: { code: string; name: string; url: string }[];
  level: { code: string; name: string } | null;
  result: VerificationResult;
}

const CHECKS = ['signature', 'issuerKnown', 'notRevoked', 'valid', 'schema'] as const;

export function PublicCredentialPage(props: { t: CT; vm: PublicVm }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('credentials.public.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('credentials.public.intro')}
      </p>
      <section aria-labelledby="result-title">
        <h2 id="result-title" class="ds-heading" data-size="sm" safe>
          {t('credentials.public.result')}
        </h2>
        <div
          class="ds-alert"
          data-color={vm.result.verified ? 'success' : 'danger'}
          data-testid="verification"
          data-verified={vm.result.verified ? 'true' : 'false'}
          safe
        >
          {t(vm.result.verified ? 'credentials.public.valid' : 'credentials.public.invalid')}
        </div>
        <ul class="ds-list">
          {CHECKS.map((c) => (
            <li data-check={c} data-ok={vm.result.checks[c] ? 'true' : 'false'} safe>
              {`${t(`credentials.check.${c}`)}: ${t(vm.result.checks[c] ? 'credentials.check.yes' : 'credentials.check.no')}`}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="achievement-title">
        <h2 id="achievement-title" class="ds-heading" data-size="sm" safe>
          {vm.name}
        </h2>
        <dl class="kn-facts">
          <dt safe>{t('credentials.public.issuer')}</dt>
          <dd safe>{vm.issuerName}</dd>
          <dt safe>{t('credentials.public.date')}</dt>
          <dd safe>{day(vm.issuedAt)}</dd>
          <dt safe>{t('credentials.public.description')}</dt>
          <dd safe>{vm.description}</dd>
          <dt safe>{t('credentials.public.criteria')}</dt>
          <dd safe>{vm.criteria}</dd>
          {vm.hours !== null ? (
            <>
              <dt safe>{t('credentials.public.hours')}</dt>
              <dd safe>{t('credentials.public.hoursValue', { hours: formatNumber(vm.hours) })}</dd>
            </>
          ) : (
            ''
          )}
          {vm.level ? (
            <>
              <dt safe>{t('credentials.public.level')}</dt>
              <dd safe>{`${vm.level.code} ${vm.level.name}`}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {vm.competences.length > 0 ? (
          <>
            <h3 class="ds-heading" data-size="xs" safe>
              {t('credentials.public.competences')}
            </h3>
            <ul class="ds-list">
              {vm.competences.map((c) => (
                <li>
                  <a class="ds-link" href={c.url} rel="external" safe>
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        <p class="ds-paragraph">
          <a class="ds-link" href={`/credentials/${vm.id}.json`} type="application/ld+json" safe>
            {t('credentials.public.json')}
          </a>
        </p>
      </section>
    </>
  );
}
