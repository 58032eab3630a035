// Shared pieces of the results views: the translator type and labels of the fixed vocabularies.
import { formatMoney, formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { MappingKey } from '../messages.ts';
import type { CompetenceRef, LevelLabel, Strategy, Urgency } from '../results/model.ts';

export type RT = T<MappingKey>;

export const urgencyLabel = (t: RT, u: Urgency): string => t(`mapping.results.urgency.${u}`);
export const strategyLabel = (t: RT, s: Strategy): string => t(`mapping.results.strategy.${s}`);

/** "2 Självständigt": the level's number and its label in the reader's language. */
export function levelText(levels: LevelLabel[], value: number, locale: Locale): string {
  const l = levels.find((x) => x.value === value);
  return l ? `${value} ${l.label[locale]}` : String(value);
}

export const num = (n: number | null): string => (n === null ? '–' : formatNumber(n));
export const money = (n: number | null): string => (n === null ? '–' : formatMoney(n));

/** A competence name; free-text competences are marked as such (not a JobTech concept). */
export function CompetenceName(props: { t: RT; competence: CompetenceRef }): JSX.Element {
  const c = props.competence;
  return (
    <>
      <span safe>{c.name}</span>
      {c.freeText ? (
        <>
          {' '}
          <span class="kn-tag" safe>
            {`(${props.t('mapping.results.matrix.freeText')})`}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}
