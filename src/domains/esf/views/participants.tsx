// The participant list (masked numbers, filters, inactivity proposals) and who is waiting to be registered.
import type { EsfKey } from '../messages.ts';
import type { AttendeeSource, LearnerSource } from '../repo-sources.ts';
import type { ParticipantListItem } from '../service/participants.ts';
import type { ET } from './shared.tsx';

export interface ParticipantsVM {
  rows: ParticipantListItem[];
  query: { q: string; status: string };
  canRegister: boolean;
  sources: { learners: LearnerSource[]; attendees: AttendeeSource[] } | null;
}

export function ParticipantsPage(props: { t: ET; vm: ParticipantsVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.participant.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.participant.intro')}
      </p>
      {vm.canRegister ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/esf/participants/new" safe>
            {t('esf.participant.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="get" action="/esf/participants" class="kn-filters" role="search">
        <div class="ds-field">
          <label class="ds-label" for="f-q" safe>
            {t('esf.participant.filter.q')}
          </label>
          <input class="ds-input" id="f-q" name="q" type="search" value={vm.query.q} />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-status" safe>
            {t('esf.participant.filter.status')}
          </label>
          <select class="ds-input" id="f-status" name="status">
            {(['active', 'ended', 'all'] as const).map((s) => (
              <option value={s} selected={vm.query.status === s} safe>
                {t(`esf.participant.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('esf.participant.filter.submit')}
        </button>
      </form>
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.participant.none')}
        </p>
      ) : (
        <div
          class="kn-table-scroll"
          role="region"
          tabindex="0"
          aria-label={t('esf.participant.caption', { count: vm.rows.length })}
        >
          <table class="ds-table" data-testid="participants">
            <caption safe>{t('esf.participant.caption', { count: vm.rows.length })}</caption>
            <thead>
              <tr>
                {(['name', 'pnr', 'employer', 'start', 'end', 'lastActivity', 'source'] as const).map((c) => (
                  <th scope="col" safe>
                    {t(`esf.participant.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/esf/participants/${r.id}`} safe>
                      {`${r.lastName}, ${r.firstName}`}
                    </a>
                  </th>
                  <td safe>{r.masked ?? ''}</td>
                  <td safe>{r.companyName}</td>
                  <td safe>{r.startedOn ?? t('esf.participant.noStart')}</td>
                  <td safe>
                    {r.endedOn ??
                      (r.proposedEnd ? t('esf.participant.proposedEnd', { date: r.proposedEnd }) : '')}
                  </td>
                  <td safe>{r.lastActivity ?? ''}</td>
                  <td safe>{t(`esf.participant.source.${r.source}` as EsfKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {vm.sources ? <Sources t={t} sources={vm.sources} /> : ''}
    </>
  );
}

function Sources(props: { t: ET; sources: NonNullable<ParticipantsVM['sources']> }): JSX.Element {
  const { t, sources } = props;
  return (
    <section aria-labelledby="to-register">
      <h2 id="to-register" class="ds-heading" data-size="md" safe>
        {t('esf.participant.toRegister')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('esf.participant.toRegisterIntro')}
      </p>
      {sources.learners.length + sources.attendees.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.participant.nothingToRegister')}
        </p>
      ) : (
        ''
      )}
      {sources.learners.length > 0 ? (
        <>
          <h3 class="ds-heading" data-size="xs" safe>
            {t('esf.participant.learners', { count: sources.learners.length })}
          </h3>
          <ul class="ds-list" data-testid="learner-sources">
            {sources.learners.map((l) => (
              <li>
                <a class="ds-link" href={`/esf/participants/new?learner=${l.learnerId}`} safe>
                  {t('esf.participant.registerFrom', { name: `${l.firstName} ${l.lastName}` })}
                </a>
                <span safe>{` – ${l.companyName}: ${l.courses}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {sources.attendees.length > 0 ? (
        <>
          <h3 class="ds-heading" data-size="xs" safe>
            {t('esf.participant.attendees', { count: sources.attendees.length })}
          </h3>
          <ul class="ds-list" data-testid="attendee-sources">
            {sources.attendees.map((a) => (
              <li>
                <a class="ds-link" href={`/esf/participants/new?attendee=${a.attendeeId}`} safe>
                  {t('esf.participant.registerFrom', { name: a.name })}
                </a>
                <span
                  safe
                >{` – ${a.companyName}${a.roleTitle ? `, ${a.roleTitle}` : ''} (${a.heldOn})`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}
