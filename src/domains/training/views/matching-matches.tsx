// Suggested courses for a company's mapped needs: the needs of the latest submitted mapping, then the
// ranked courses with their reasons in words, a link to the course and to enrolment on its next occasion.
import type { T } from '../../../platform/i18n/index.ts';
import type { TrainingKey } from '../messages.ts';

type MT = T<TrainingKey>;

export interface MatchNeedVM {
  competence: string;
  coded: boolean;
  urgency: 'now' | 'within6Months' | 'within6To12Months' | 'within1To3Years';
  women: number;
  men: number;
}

export interface MatchVM {
  courseId: string;
  title: string;
  providerName: string;
  format: 'classroom' | 'digital' | 'blended';
  matchedNames: string[];
  occasionId: string | null;
  startsOn: string | null;
  score: number;
  reasons: string[];
}

export interface MatchesPageVM {
  companyId: string;
  companyName: string;
  submittedAt: string | null;
  needs: MatchNeedVM[];
  matches: MatchVM[];
}

export function MatchesView(props: { t: MT; vm: MatchesPageVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('training.matching.titleFor', { company: vm.companyName })}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.matching.intro')}
      </p>
      {vm.submittedAt === null ? (
        <p class="ds-paragraph" data-testid="matches-no-mapping" safe>
          {t('training.matching.noMapping')}
        </p>
      ) : (
        <>
          <section aria-labelledby="needs-title">
            <h2 id="needs-title" class="ds-heading" data-size="sm" safe>
              {t('training.matching.needsTitle')}
            </h2>
            <p class="ds-paragraph" safe>
              {t('training.matching.mappingFrom', { date: vm.submittedAt })}
            </p>
            <div class="kn-table-wrap">
              <table class="ds-table" data-testid="match-needs">
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {t('training.matching.col.competence')}
                    </th>
                    <th scope="col" safe>
                      {t('training.matching.col.urgency')}
                    </th>
                    <th scope="col" safe>
                      {t('training.matching.col.people')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {vm.needs.map((n) => (
                    <tr>
                      <td safe>
                        {n.coded ? n.competence : t('training.matching.freeText', { text: n.competence })}
                      </td>
                      <td safe>{t(`training.matching.urgency.${n.urgency}`)}</td>
                      <td safe>{`${n.women}/${n.men}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="suggestions-title">
            <h2 id="suggestions-title" class="ds-heading" data-size="sm" safe>
              {t('training.matching.suggestionsTitle')}
            </h2>
            {vm.matches.length === 0 ? (
              <p class="ds-paragraph" data-testid="matches-none" safe>
                {t('training.matching.noMatches')}
              </p>
            ) : (
              <ol class="kn-plain-list" data-testid="matches">
                {vm.matches.map((m) => (
                  <li class="ds-card" data-testid="match" data-course={m.courseId}>
                    <h3 class="ds-heading" data-size="xs">
                      <a class="ds-link" href={`/kurser/${m.courseId}`} safe>
                        {m.title}
                      </a>
                    </h3>
                    <p class="ds-paragraph" safe>
                      {`${t('training.matching.provider', { name: m.providerName })} · ${t(`training.matching.format.${m.format}`)} · ${t('training.matching.score', { score: m.score.toFixed(2) })}`}
                    </p>
                    <ul class="ds-list" data-testid="match-reasons">
                      {m.reasons.map((r) => (
                        <li safe>{r}</li>
                      ))}
                    </ul>
                    <p class="ds-paragraph" safe>
                      {t('training.matching.teaches', { names: m.matchedNames.join(', ') })}
                    </p>
                    {m.occasionId && m.startsOn ? (
                      <p class="ds-paragraph">
                        <a
                          class="ds-link"
                          href={`/training/occasions/${m.occasionId}/enrol`}
                          data-testid="match-enrol"
                          safe
                        >
                          {t('training.matching.enrol', { date: m.startsOn })}
                        </a>
                      </p>
                    ) : (
                      ''
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </>
  );
}
