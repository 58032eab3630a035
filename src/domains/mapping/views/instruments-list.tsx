import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import { type InstrumentHead, type IT, instrumentHref, statusLabel } from './instruments-shared.tsx';

export interface InstrumentListProps {
  t: IT;
  locale: Locale;
  rows: InstrumentHead[];
  canManage: boolean;
  csrf: string;
}

export function InstrumentListView(props: InstrumentListProps): JSX.Element {
  const { t, locale } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.instruments.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.instruments.intro')}
      </p>
      {props.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.instruments.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="instrument-list">
            <caption class="ds-sr-only" safe>
              {t('mapping.instruments.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('mapping.instruments.col.title')}
                </th>
                <th scope="col" safe>
                  {t('mapping.instruments.col.version')}
                </th>
                <th scope="col" safe>
                  {t('mapping.instruments.col.origin')}
                </th>
                <th scope="col" safe>
                  {t('mapping.instruments.col.status')}
                </th>
                <th scope="col" safe>
                  {t('mapping.instruments.col.published')}
                </th>
                {props.canManage ? (
                  <th scope="col" safe>
                    {t('mapping.instruments.col.actions')}
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const title = r.title[locale];
                return (
                  <tr data-testid={`instrument-${r.id}`}>
                    <td>
                      <a class="ds-link" href={instrumentHref(r.id)} safe>
                        {title}
                      </a>
                    </td>
                    <td class="kn-nowrap" safe>
                      {String(r.version)}
                    </td>
                    <td safe>
                      {t(
                        r.national
                          ? 'mapping.instruments.origin.national'
                          : 'mapping.instruments.origin.region',
                      )}
                    </td>
                    <td safe>{statusLabel(t, r.status)}</td>
                    <td class="kn-nowrap" safe>
                      {r.publishedAt ? formatDate(r.publishedAt) : t('mapping.instruments.notPublished')}
                    </td>
                    {props.canManage ? (
                      <td>
                        {r.status === 'draft' ? (
                          <a class="ds-link" href={instrumentHref(r.id, '/edit')}>
                            <span safe>{t('mapping.instruments.editTexts')}</span>
                            <span class="ds-sr-only" safe>{`: ${title}`}</span>
                          </a>
                        ) : (
                          <form method="post" action={instrumentHref(r.id, '/copy')} class="kn-inline-form">
                            <CsrfField token={props.csrf} />
                            <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                              <span safe>{t('mapping.instruments.copy')}</span>
                              <span class="ds-sr-only" safe>{`: ${title}`}</span>
                            </button>
                          </form>
                        )}
                      </td>
                    ) : (
                      ''
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
