import { Field } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import { type Competence, type SsykGroup, type SsykHit, withPick } from '../schema.ts';

/**
 * The occupation and competence pickers: no-JavaScript search-and-choose pages (a GET form and a table,
 * with a "Choose" link per row back to `return?pick=…`), and on top a combobox (public/combobox.js) that
 * is shown only when the script runs.
 */

type Kind = 'occupations' | 'competences';

/** A GET form that sends `pick` (or `ssyk`) to a relative path, keeping that path's own query parameters. */
function splitPath(path: string): { action: string; params: [string, string][] } {
  const url = new URL(path, 'http://localhost');
  return { action: url.pathname, params: [...url.searchParams.entries()] };
}

/** The combobox demonstration: hidden until combobox.js has enhanced it. */
function QuickPick(props: {
  t: T<string>;
  kind: Kind;
  label: string;
  returnPath: string | undefined;
}): JSX.Element {
  const { t, kind, label, returnPath } = props;
  const id = `kn-quick-${kind}`;
  // Without a return path, a chosen occupation leads to its competences; a chosen competence stays shown.
  const target = returnPath
    ? { ...splitPath(returnPath), name: 'pick', button: t('pick.useChoice') }
    : kind === 'occupations'
      ? { action: '/reference/competences', params: [], name: 'ssyk', button: t('occ.showCompetences') }
      : null;
  const control = (
    <>
      <label class="ds-label" for={id} safe>
        {label}
      </label>
      <div id={`${id}-hint`} data-field="description" safe>
        {t('pick.quickIntro')}
      </div>
      <input
        class="ds-input"
        id={id}
        type="text"
        data-combobox={kind}
        data-combobox-target={target ? target.name : 'pick'}
        aria-describedby={`${id}-hint`}
        maxlength={100}
      />
    </>
  );
  return (
    <section class="kn-quick-pick" aria-labelledby={`${id}-title`} data-combobox-demo hidden>
      <h2 id={`${id}-title`} class="ds-heading" data-size="xs" safe>
        {t('pick.quickTitle')}
      </h2>
      {target ? (
        <form method="get" action={target.action} class="kn-form">
          {target.params.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <div class="ds-field kn-combobox">{control}</div>
          <input type="hidden" name={target.name} value="" />
          <div>
            <button type="submit" class="ds-button" data-variant="secondary" safe>
              {target.button}
            </button>
          </div>
        </form>
      ) : (
        <div class="kn-form">
          <div class="ds-field kn-combobox">{control}</div>
          <input type="hidden" name="pick" value="" />
        </div>
      )}
    </section>
  );
}

function SearchForm(props: {
  t: T<string>;
  action: string;
  q: string;
  label: string;
  hint: string;
  hidden: [string, string][];
}): JSX.Element {
  const { t } = props;
  return (
    <search>
      <form method="get" action={props.action} class="kn-form" data-testid="picker-search">
        {props.hidden.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <Field
          name="q"
          type="search"
          label={props.label}
          hint={props.hint}
          value={props.q}
          errors={[]}
          t={t}
          maxlength={100}
        />
        <div>
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('form.search')}
          </button>
        </div>
      </form>
    </search>
  );
}

function ChooseLink(props: { t: T<string>; href: string; what: string }): JSX.Element {
  return (
    <a class="ds-link" href={props.href}>
      <span safe>{props.t('pick.choose')}</span>{' '}
      <span class="ds-sr-only" safe>
        {props.what}
      </span>
    </a>
  );
}

// ---------------------------------------------------------------- occupations

export function OccupationPickerView(props: {
  t: T<string>;
  q: string;
  hits: SsykHit[];
  returnPath: string | undefined;
}): JSX.Element {
  const { t, q, hits, returnPath } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('occ.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('occ.intro')}
      </p>
      <QuickPick t={t} kind="occupations" label={t('occ.quickLabel')} returnPath={returnPath} />
      <SearchForm
        t={t}
        action="/reference/occupations"
        q={q}
        label={t('occ.q')}
        hint={t('occ.hint')}
        hidden={returnPath ? [['return', returnPath]] : []}
      />
      {q === '' ? '' : <OccupationResults t={t} q={q} hits={hits} returnPath={returnPath} />}
    </>
  );
}

function OccupationResults(props: {
  t: T<string>;
  q: string;
  hits: SsykHit[];
  returnPath: string | undefined;
}): JSX.Element {
  const { t, q, hits, returnPath } = props;
  if (hits.length === 0) {
    return (
      <p class="ds-paragraph" role="status" safe>
        {t('occ.none', { q })}
      </p>
    );
  }
  return (
    <>
      <p class="ds-paragraph" role="status">
        <span safe>{t('occ.count', { count: hits.length })}</span>
        {returnPath ? (
          <>
            {' '}
            <span safe>{t('pick.chooseHint')}</span>
          </>
        ) : (
          ''
        )}
      </p>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="occupation-results">
          <caption safe>{t('occ.caption', { q })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('occ.code')}
              </th>
              <th scope="col" safe>
                {t('occ.group')}
              </th>
              <th scope="col" safe>
                {t('occ.matched')}
              </th>
              {returnPath ? (
                <th scope="col" safe>
                  {t('occ.action')}
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr>
                <td>
                  <code safe>{hit.code}</code>
                </td>
                <td safe>{hit.name}</td>
                <td safe>{hit.matchedName}</td>
                {returnPath ? (
                  <td>
                    <ChooseLink
                      t={t}
                      href={withPick(returnPath, hit.code)}
                      what={`${hit.code} ${hit.name}`}
                    />
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

// ---------------------------------------------------------------- competences

export function CompetencePickerView(props: {
  t: T<string>;
  q: string;
  ssyk: string;
  /** The SSYK group when `ssyk` was given (null when unknown). */
  group: SsykGroup | null;
  items: Competence[];
  returnPath: string | undefined;
}): JSX.Element {
  const { t, q, ssyk, group, items, returnPath } = props;
  const hidden: [string, string][] = [];
  if (ssyk) hidden.push(['ssyk', ssyk]);
  if (returnPath) hidden.push(['return', returnPath]);
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('comp.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('comp.intro')}
      </p>
      <QuickPick t={t} kind="competences" label={t('comp.quickLabel')} returnPath={returnPath} />
      <SearchForm
        t={t}
        action="/reference/competences"
        q={q}
        label={t('comp.q')}
        hint={t('comp.hint')}
        hidden={hidden}
      />
      {q !== '' ? (
        <CompetenceResults
          t={t}
          items={items}
          returnPath={returnPath}
          caption={t('comp.caption', { q })}
          intro={t('comp.count', { count: items.length })}
          none={t('comp.none', { q })}
        />
      ) : ssyk === '' ? (
        ''
      ) : group === null ? (
        <p class="ds-paragraph" role="status" safe>
          {t('comp.unknownSsyk', { code: ssyk })}
        </p>
      ) : (
        <CompetenceResults
          t={t}
          items={items}
          returnPath={returnPath}
          caption={t('comp.relatedCaption', { code: group.code, name: group.name })}
          intro={t('comp.related', { code: group.code, name: group.name })}
          none={t('comp.noneRelated', { code: group.code })}
        />
      )}
    </>
  );
}

function CompetenceResults(props: {
  t: T<string>;
  items: Competence[];
  returnPath: string | undefined;
  caption: string;
  intro: string;
  none: string;
}): JSX.Element {
  const { t, items, returnPath } = props;
  if (items.length === 0) {
    return (
      <p class="ds-paragraph" role="status" safe>
        {props.none}
      </p>
    );
  }
  return (
    <>
      <p class="ds-paragraph" role="status">
        <span safe>{props.intro}</span>
        {returnPath ? (
          <>
            {' '}
            <span safe>{t('pick.chooseHint')}</span>
          </>
        ) : (
          ''
        )}
      </p>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="competence-results">
          <caption safe>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('comp.name')}
              </th>
              <th scope="col" safe>
                {t('comp.conceptId')}
              </th>
              {returnPath ? (
                <th scope="col" safe>
                  {t('comp.action')}
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr>
                <td safe>{c.name}</td>
                <td>
                  <code safe>{c.conceptId}</code>
                </td>
                {returnPath ? (
                  <td>
                    <ChooseLink t={t} href={withPick(returnPath, c.conceptId)} what={c.name} />
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
