import type { Actor } from '../auth.ts';
import type { FieldError } from '../errors.ts';
import { type CommonKey, commonT, type Locale, type T } from '../i18n/index.ts';

export interface NavItem {
  href: string;
  label: CommonKey;
  visible: (actor: Actor) => boolean;
}

export interface PageProps {
  locale: Locale;
  title: string;
  actor: Actor | null;
  nav: NavItem[];
  path: string;
  csrfToken?: string;
  flash?: string | null;
  children?: JSX.Element;
}

function langSwitchHref(path: string, to: string): string {
  return `/lang/${to}?back=${encodeURIComponent(path)}`;
}

export function Page(props: PageProps): JSX.Element {
  const t = commonT(props.locale);
  const children = props.children ?? '';
  const other = t('layout.switchToLang');
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.locale} data-color-scheme="light">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} – ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/ds/theme/designsystemet.css" />
          <link rel="stylesheet" href="/assets/ds/src/index.css" />
          <link rel="stylesheet" href="/assets/app.css" />
          <script src="/assets/app.js" defer></script>
          <script src="/assets/combobox.js" defer></script>
        </head>
        <body>
          <a class="ds-skip-link" href="#main" safe>
            {t('layout.skip')}
          </a>
          <header class="kn-header">
            <div class="kn-header__inner">
              <a class="kn-brand" href="/" safe>
                {t('app.name')}
              </a>
              <div class="kn-header__tools">
                <a
                  class="ds-link"
                  href={langSwitchHref(props.path, other)}
                  lang={other}
                  hreflang={other}
                  data-testid="lang-switch"
                  safe
                >
                  {t('layout.switchTo')}
                </a>
                {props.actor ? (
                  <>
                    <span class="kn-user" safe>
                      {t('layout.loggedInAs', { name: props.actor.name })}
                    </span>
                    <form method="post" action="/logout" class="kn-inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                      <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm" safe>
                        {t('layout.logout')}
                      </button>
                    </form>
                  </>
                ) : (
                  <a class="ds-link" href="/login" safe>
                    {t('layout.login')}
                  </a>
                )}
              </div>
            </div>
            {props.actor ? <MainNav t={t} items={props.nav} actor={props.actor} path={props.path} /> : ''}
          </header>
          <main id="main" class="kn-main" tabindex="-1">
            {props.flash ? (
              <div class="ds-alert" data-color="success" role="status">
                <p class="ds-paragraph" safe>
                  {props.flash}
                </p>
              </div>
            ) : (
              ''
            )}
            {children}
          </main>
          <footer class="kn-footer">
            <p class="ds-paragraph" data-size="sm">
              <span safe>{t('layout.footer')}</span>{' '}
              <a class="ds-link" href="/accessibility" safe>
                {t('layout.accessibility')}
              </a>{' '}
              <a class="ds-link" href="/privacy" safe>
                {t('layout.privacy')}
              </a>{' '}
              <a class="ds-link" href="/kurser" safe>
                {t('layout.courses')}
              </a>{' '}
              <a class="ds-link" href="/statistik" safe>
                {t('layout.statistics')}
              </a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}

function MainNav(props: { t: T<CommonKey>; items: NavItem[]; actor: Actor; path: string }): JSX.Element {
  const visible = props.items.filter((item) => item.visible(props.actor));
  return (
    <nav aria-label={props.t('layout.nav')} class="kn-nav">
      <ul>
        {visible.map((item) => {
          const current = item.href === '/' ? props.path === '/' : props.path.startsWith(item.href);
          return (
            <li>
              <a href={item.href} aria-current={current ? 'page' : undefined} safe>
                {props.t(item.label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** GOV.UK-style error summary: a heading and one link per field error; focused on load by app.js. */
export function ErrorSummary(props: { errors: FieldError[]; t: T<string> }): JSX.Element {
  if (props.errors.length === 0) return '';
  return (
    <section class="ds-error-summary" tabindex="-1" data-error-summary aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="ds-heading" data-size="xs" safe>
        {props.t('errorSummary.title')}
      </h2>
      <ul class="ds-list">
        {props.errors.map((e) => (
          <li>
            <a class="ds-link" href={`#${fieldId(e.field)}`} safe>
              {props.t(e.message, e.params)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function errorFor(errors: FieldError[], name: string): FieldError | undefined {
  return errors.find((e) => e.field === name);
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | number | null;
  errors: FieldError[];
  t: T<string>;
  type?: 'text' | 'email' | 'number' | 'password' | 'tel' | 'date' | 'search';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  list?: string;
  maxlength?: number;
}

interface ShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: FieldError;
  t: T<string>;
  children: JSX.Element;
}

/** Label, hint and inline error around one control (shared by inputs and selects). */
function FieldShell(props: ShellProps): JSX.Element {
  const { children } = props;
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id} safe>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.id}-hint`} data-field="description" safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      {props.error ? (
        <div class="ds-validation-message" id={`${props.id}-error`} data-field="validation" safe>
          {props.t(props.error.message, props.error.params)}
        </div>
      ) : (
        ''
      )}
      {children}
    </div>
  );
}

/** The control's aria-describedby: its hint and its error, when present. */
function describedBy(
  id: string,
  hint: string | undefined,
  error: FieldError | undefined,
): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled input with hint and inline error, linked with aria-describedby. */
export function Field(props: FieldProps): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} t={props.t}>
      <input
        class="ds-input"
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === null || props.value === undefined ? undefined : String(props.value)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        list={props.list}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      />
    </FieldShell>
  );
}

interface SelectProps {
  name: string;
  label: string;
  value?: string | null;
  options: { value: string; label: string }[];
  errors: FieldError[];
  t: T<string>;
  hint?: string;
  required?: boolean;
  emptyLabel?: string;
}

export function Select(props: SelectProps): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} t={props.t}>
      <select
        class="ds-input"
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.emptyLabel !== undefined ? (
          <option value="" safe>
            {props.emptyLabel}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Pagination(props: {
  t: T<string>;
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav class="kn-pagination" aria-label={props.t('pagination.label')}>
      <p class="ds-paragraph" data-size="sm" safe>
        {props.t('pagination.summary', { from, to, total: props.total })}
      </p>
      <ul class="kn-pagination__list">
        {props.page > 1 ? (
          <li>
            <a class="ds-link" href={props.href(props.page - 1)} rel="prev" safe>
              {props.t('pagination.previous')}
            </a>
          </li>
        ) : (
          ''
        )}
        <li aria-current="page" safe>
          {props.t('pagination.page', { page: props.page, pages })}
        </li>
        {props.page < pages ? (
          <li>
            <a class="ds-link" href={props.href(props.page + 1)} rel="next" safe>
              {props.t('pagination.next')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
    </nav>
  );
}

export function CsrfField(props: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

interface TextAreaProps {
  name: string;
  label: string;
  value: string | null | undefined;
  errors: FieldError[];
  t: T<string>;
  hint?: string | undefined;
  rows?: number;
  maxlength?: number | undefined;
  readonly?: boolean;
}

/** A labelled textarea with hint and inline error, linked with aria-describedby (as `Field`). */
export function TextArea(props: TextAreaProps): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} t={props.t}>
      <textarea
        class="ds-input"
        id={id}
        name={props.name}
        rows={String(props.rows ?? 4)}
        maxlength={props.maxlength}
        readonly={props.readonly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        safe
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

/** One checkbox with its label (a form posts `on` when it is ticked). */
export function Checkbox(props: {
  name: string;
  label: string;
  checked: boolean;
  testId?: string;
}): JSX.Element {
  const id = fieldId(props.name);
  return (
    <div class="ds-field" data-testid={props.testId}>
      <input class="ds-input" type="checkbox" id={id} name={props.name} value="on" checked={props.checked} />
      <label class="ds-label" data-weight="regular" for={id} safe>
        {props.label}
      </label>
    </div>
  );
}
