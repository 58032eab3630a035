import { Field } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { SniHit } from '../schema.ts';

/** The no-JavaScript way to find an SNI code: a search form (GET) and a table of detail groups. */
export function SniSearchView(props: { t: T<string>; q: string; hits: SniHit[] }): JSX.Element {
  const { t, q, hits } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('sni.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('sni.intro')}
      </p>
      <search>
        <form method="get" action="/reference/sni" class="kn-form">
          <Field
            name="q"
            type="search"
            label={t('sni.q')}
            hint={t('sni.hint')}
            value={q}
            errors={[]}
            t={t}
            maxlength={100}
          />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('form.search')}
          </button>
        </form>
      </search>
      {q === '' ? '' : <SniResults t={t} q={q} hits={hits} />}
    </>
  );
}

function SniResults(props: { t: T<string>; q: string; hits: SniHit[] }): JSX.Element {
  const { t, q, hits } = props;
  if (hits.length === 0) {
    return (
      <p class="ds-paragraph" role="status" safe>
        {t('sni.none', { q })}
      </p>
    );
  }
  return (
    <>
      <p class="ds-paragraph" role="status">
        <span safe>{t('sni.count', { count: hits.length })}</span> <span safe>{t('sni.howTo')}</span>
      </p>
      <table class="ds-table" data-testid="sni-results">
        <caption safe>{t('sni.caption', { q })}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('sni.code')}
            </th>
            <th scope="col" safe>
              {t('sni.name')}
            </th>
            <th scope="col" safe>
              {t('sni.context')}
            </th>
          </tr>
        </thead>
        <tbody>
          {hits.map((hit) => (
            <tr>
              <td>
                <code safe>{hit.code}</code>
              </td>
              <td safe>{hit.name}</td>
              <td safe>{`${hit.divisionCode} ${hit.divisionName ?? ''} (${hit.sectionCode})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
