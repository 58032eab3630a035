import { Pagination } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';
import type { OutboxRow } from '../repo.ts';

export function OutboxView(props: {
  t: T<AccountKey>;
  rows: OutboxRow[];
  total: number;
  page: number;
  pageSize: number;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('outbox.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('outbox.intro')}
      </p>
      {props.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('outbox.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="outbox">
            <caption class="ds-sr-only" safe>
              {t('outbox.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('outbox.time')}
                </th>
                <th scope="col" safe>
                  {t('outbox.to')}
                </th>
                <th scope="col" safe>
                  {t('outbox.subject')}
                </th>
                <th scope="col" safe>
                  {t('outbox.status')}
                </th>
                <th scope="col" safe>
                  {t('outbox.body')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((m) => (
                <tr>
                  <td class="kn-nowrap" safe>
                    {formatDateTime(m.createdAt)}
                  </td>
                  <td safe>{m.toAddress}</td>
                  <th scope="row" safe>
                    {m.subject}
                  </th>
                  <td safe>
                    {m.error
                      ? `${t(`outbox.status.${m.status}`)}: ${m.error}`
                      : t(`outbox.status.${m.status}`)}
                  </td>
                  <td>
                    {m.bodyText ? (
                      <details>
                        <summary safe>{t('outbox.showBody')}</summary>
                        <pre safe>{m.bodyText}</pre>
                      </details>
                    ) : (
                      <span safe>{t('outbox.noBody')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={props.page}
        pageSize={props.pageSize}
        total={props.total}
        href={(p) => (p > 1 ? `/admin/outbox?page=${p}` : '/admin/outbox')}
      />
    </>
  );
}
