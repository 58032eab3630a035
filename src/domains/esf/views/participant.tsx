// One participant: details with the masked number, the audited reveal (ESF administrators), and closing.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import type { EsfKey } from '../messages.ts';
import type { ParticipantListItem } from '../service/participants.ts';
import type { ET } from './shared.tsx';

export interface ParticipantVM {
  p: ParticipantListItem;
  isAdmin: boolean;
  /** The full number, only in the answer to the reveal form's POST. */
  revealed: string | null;
  close: { errors: FieldError[]; values: Record<string, string> } | null;
}

const day = (d: Date | null) => (d ? d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }) : '–');

export function ParticipantPage(props: { t: ET; csrf: string; vm: ParticipantVM }): JSX.Element {
  const { t, vm } = props;
  const p = vm.p;
  const errors = vm.close?.errors ?? [];
  const facts: [string, string][] = [
    [
      t('esf.participant.col.pnr'),
      `${p.masked ?? ''} (${t(`esf.participant.kind.${p.identityKind ?? 'personnummer'}` as EsfKey)})`,
    ],
    [t('esf.participant.gender'), t(`esf.participant.gender.${p.gender}` as EsfKey)],
    [t('esf.participant.ageAtStart'), p.ageAtStart === null ? '–' : String(p.ageAtStart)],
    [t('esf.participant.col.employer'), `${p.companyName} (${p.employerOrgNumber})`],
    [t('esf.participant.manager'), p.managerName],
    [t('esf.participant.col.start'), p.startedOn ?? t('esf.participant.noStart')],
    [t('esf.participant.col.end'), p.endedOn ?? '–'],
    [t('esf.participant.col.lastActivity'), p.lastActivity ?? '–'],
    [t('esf.participant.col.source'), t(`esf.participant.source.${p.source}` as EsfKey)],
    [t('esf.participant.informationAt'), day(p.informationAcknowledgedAt)],
    [t('esf.participant.eligibilityAt'), day(p.eligibilityConfirmedAt)],
  ];
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/esf/participants" safe>
          {t('esf.participant.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${p.firstName} ${p.lastName}`}
      </h1>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.participant.facts')}
      </h2>
      <dl class="kn-facts" data-testid="participant-facts">
        {facts.map(([k, val]) => (
          <>
            <dt safe>{k}</dt>
            <dd safe>{val}</dd>
          </>
        ))}
      </dl>
      {vm.revealed ? (
        <p class="ds-paragraph" role="status" data-testid="revealed" safe>
          {t('esf.participant.revealed', { pnr: vm.revealed })}
        </p>
      ) : (
        ''
      )}
      {vm.isAdmin && !vm.revealed ? (
        <form method="post" action={`/esf/participants/${p.id}/reveal`} class="kn-form">
          <CsrfField token={props.csrf} />
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.participant.revealHint')}
          </p>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('esf.participant.reveal')}
          </button>
        </form>
      ) : (
        ''
      )}
      {p.endedOn ? (
        <p class="ds-paragraph" safe>
          {t('esf.participant.endedInfo', { date: p.endedOn })}
        </p>
      ) : vm.isAdmin && p.startedOn ? (
        <section aria-labelledby="close">
          <h2 id="close" class="ds-heading" data-size="sm" safe>
            {t('esf.participant.close')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('esf.participant.closeIntro')}
          </p>
          <form method="post" action={`/esf/participants/${p.id}/close`} novalidate class="kn-form">
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={errors} />
            <input type="hidden" name="version" value={String(p.version)} />
            <Field
              t={t}
              name="endedOn"
              type="date"
              label={t('esf.participant.endedOn')}
              value={vm.close?.values.endedOn ?? p.lastActivity ?? ''}
              errors={errors}
            />
            <Field
              t={t}
              name="reason"
              label={t('esf.participant.endReason')}
              value={vm.close?.values.reason ?? ''}
              errors={errors}
            />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('esf.participant.closeSubmit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
