// The calendar subscription page: whether the user has a feed, create (the secret URL shown once, with
// instructions for Outlook and Google Calendar), replace and revoke.
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { CT } from './shared.tsx';

export interface CalendarVM {
  active: { createdAt: Date; lastUsedAt: Date | null } | null;
  isCoach: boolean;
  /** The new feed's URL, right after creating it (never shown again). */
  newUrl: string | null;
}

export function CalendarView(props: { t: CT; csrf: string; vm: CalendarVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.meetings.calendar.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coaching.meetings.calendar.intro')}
      </p>
      {vm.isCoach ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('coaching.meetings.calendar.notCoach')}
        </p>
      )}
      {vm.newUrl ? (
        <section
          class="ds-alert"
          data-color="success"
          aria-labelledby="feed-new-title"
          data-testid="feed-new"
        >
          <h2 id="feed-new-title" class="ds-heading" data-size="xs" safe>
            {t('coaching.meetings.calendar.created')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('coaching.meetings.calendar.once')}
          </p>
          <div class="ds-field">
            <label class="ds-label" for="f-feedUrl" safe>
              {t('coaching.meetings.calendar.linkLabel')}
            </label>
            <input class="ds-input" id="f-feedUrl" type="text" readonly value={vm.newUrl} />
          </div>
          <ul class="ds-list">
            <li safe>{t('coaching.meetings.calendar.outlook')}</li>
            <li safe>{t('coaching.meetings.calendar.google')}</li>
          </ul>
        </section>
      ) : (
        ''
      )}
      <p class="ds-paragraph" data-testid="feed-status">
        {vm.active ? (
          <>
            <span safe>
              {t('coaching.meetings.calendar.active', { created: formatDateTime(vm.active.createdAt) })}
            </span>{' '}
            <span safe>
              {vm.active.lastUsedAt
                ? t('coaching.meetings.calendar.lastUsed', { when: formatDateTime(vm.active.lastUsedAt) })
                : t('coaching.meetings.calendar.neverUsed')}
            </span>
          </>
        ) : (
          <span safe>{t('coaching.meetings.calendar.none')}</span>
        )}
      </p>
      <div class="kn-actions">
        <form method="post" action="/calendar/feed" class="kn-inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {vm.active ? t('coaching.meetings.calendar.replace') : t('coaching.meetings.calendar.create')}
          </button>
        </form>
        {vm.active ? (
          <form method="post" action="/calendar/feed/revoke" class="kn-inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {t('coaching.meetings.calendar.revoke')}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
    </>
  );
}
