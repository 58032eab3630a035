// The ESF administration's landing page: the programme, its period and where to work.
import type { ET } from './shared.tsx';

export interface HomeVM {
  programme: { name: string; startsOn: string; endsOn: string; ruleSet: string };
  active: number;
  ended: number;
  links: { href: string; label: string }[];
}

export function HomePage(props: { t: ET; vm: HomeVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.home.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.home.intro', {
          programme: vm.programme.name,
          from: vm.programme.startsOn,
          to: vm.programme.endsOn,
        })}
      </p>
      <p class="ds-paragraph" safe>
        {t('esf.home.period', {
          period: t(`esf.period.${vm.programme.ruleSet}` as 'esf.period.esf-2014-2020'),
        })}
      </p>
      <p class="ds-paragraph" data-testid="esf-counts" safe>
        {t('esf.home.participants', { active: vm.active, ended: vm.ended })}
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.home.links')}
      </h2>
      <ul class="ds-list">
        {vm.links.map((l) => (
          <li>
            <a class="ds-link" href={l.href} safe>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
