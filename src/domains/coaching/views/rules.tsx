// The programme's coaching rules, one form per programme of the region (region admin).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import type { CT } from './shared.tsx';

export interface RulesVM {
  programmes: {
    id: string;
    name: string;
    plannedHours: number;
    followupMonths: number[];
    notesSharing: 'organisation' | 'programme';
  }[];
  /** The programme whose form failed, with its errors and input. */
  failed: { id: string; errors: FieldError[]; values: Record<string, string> } | null;
}

export function RulesPage(props: { t: CT; csrf: string; vm: RulesVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.rules.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coaching.rules.intro')}
      </p>
      {vm.programmes.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coaching.rules.none')}
        </p>
      ) : (
        ''
      )}
      {vm.programmes.map((p) => {
        const failed = vm.failed?.id === p.id ? vm.failed : null;
        const errors = failed?.errors ?? [];
        const v = failed?.values;
        return (
          <section aria-labelledby={`p-${p.id}`}>
            <h2 id={`p-${p.id}`} class="ds-heading" data-size="sm" safe>
              {p.name}
            </h2>
            <form method="post" action={`/coaching/rules/${p.id}`} novalidate class="kn-form">
              <CsrfField token={props.csrf} />
              <ErrorSummary t={t} errors={errors} />
              <Field
                t={t}
                name="plannedHours"
                label={t('coaching.rules.plannedHours')}
                hint={t('coaching.rules.plannedHoursHint')}
                value={v ? v.plannedHours : String(p.plannedHours).replace('.', ',')}
                errors={errors}
              />
              <Field
                t={t}
                name="followupMonths"
                label={t('coaching.rules.followupMonths')}
                hint={t('coaching.rules.followupMonthsHint')}
                value={v ? v.followupMonths : p.followupMonths.join(', ')}
                errors={errors}
              />
              <Select
                t={t}
                name="notesSharing"
                label={t('coaching.rules.notesSharing')}
                value={v ? v.notesSharing : p.notesSharing}
                options={(['organisation', 'programme'] as const).map((o) => ({
                  value: o,
                  label: t(`coaching.rules.sharing.${o}`),
                }))}
                errors={errors}
              />
              <button type="submit" class="ds-button" data-variant="primary" safe>
                {t('coaching.rules.save')}
              </button>
            </form>
          </section>
        );
      })}
    </>
  );
}
