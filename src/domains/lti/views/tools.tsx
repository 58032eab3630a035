// Tool administration pages: the list, a new tool, one tool (configuration, settings, links) and one link.
import type { T } from '../../../platform/i18n/index.ts';
import type { LtiKey } from '../messages.ts';
import type { LinkRow, PlatformConfig, ToolDetail, ToolRow } from '../service/tools.ts';
import { type FormState, LinkForm, ToolForm } from './forms.tsx';

type LT = T<LtiKey>;

function Status(props: { t: LT; active: boolean }): JSX.Element {
  return (
    <span class="ds-tag" data-color={props.active ? 'success' : 'neutral'} safe>
      {props.t(props.active ? 'lti.status.active' : 'lti.status.inactive')}
    </span>
  );
}

export function ToolListPage(props: { t: LT; tools: (ToolRow & { linkCount: number })[] }): JSX.Element {
  const { t, tools } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('lti.tools.intro')}
      </p>
      <p>
        <a class="ds-button" data-variant="secondary" href="/lti/tools/new" safe>
          {t('lti.tools.new')}
        </a>
      </p>
      {tools.length === 0 ? (
        <p class="ds-paragraph" data-testid="lti-none" safe>
          {t('lti.tools.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="lti-tools">
          <caption safe>{t('lti.tools.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('lti.col.name')}
              </th>
              <th scope="col" safe>
                {t('lti.col.provider')}
              </th>
              <th scope="col" safe>
                {t('lti.col.links')}
              </th>
              <th scope="col" safe>
                {t('lti.col.status')}
              </th>
            </tr>
          </thead>
          <tbody>
            {tools.map((tool) => (
              <tr data-tool={tool.id}>
                <th scope="row">
                  <a class="ds-link" href={`/lti/tools/${tool.id}`} safe>
                    {tool.name}
                  </a>
                </th>
                <td safe>{tool.providerName}</td>
                <td class="kn-num" safe>
                  {String(tool.linkCount)}
                </td>
                <td>
                  <Status t={t} active={tool.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ToolNewPage(props: {
  t: LT;
  csrf: string;
  providers: { id: string; name: string }[];
  state: FormState;
}): JSX.Element {
  const { t } = props;
  return (
    <>
      <p>
        <a class="ds-link" href="/lti/tools" safe>
          {t('lti.tool.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.tool.newTitle')}
      </h1>
      <ToolForm
        t={t}
        csrf={props.csrf}
        action="/lti/tools"
        state={props.state}
        providers={props.providers}
        submit={t('lti.tool.create')}
      />
    </>
  );
}

function ConfigList(props: { t: LT; tool: ToolRow; config: PlatformConfig }): JSX.Element {
  const { t, tool, config } = props;
  const rows: [LtiKey, string][] = [
    ['lti.config.issuer', config.issuer],
    ['lti.config.clientId', tool.clientId],
    ['lti.config.deploymentId', tool.deploymentId],
    ['lti.config.authUrl', config.authUrl],
    ['lti.config.jwksUrl', config.jwksUrl],
  ];
  return (
    <section aria-labelledby="lti-config">
      <h2 id="lti-config" class="ds-heading" data-size="sm" safe>
        {t('lti.config.title')}
      </h2>
      <dl class="kn-dl" data-testid="lti-config">
        {rows.map(([label, value]) => (
          <>
            <dt safe>{t(label)}</dt>
            <dd>
              <code safe>{value}</code>
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function LinksTable(props: { t: LT; toolId: string; links: ToolDetail['links'] }): JSX.Element {
  const { t, links } = props;
  if (links.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('lti.links.none')}
      </p>
    );
  return (
    <table class="ds-table" data-testid="lti-links">
      <caption safe>{t('lti.links.caption')}</caption>
      <thead>
        <tr>
          {(['title', 'target', 'launches', 'status', 'actions'] as const).map((c) => (
            <th scope="col" safe>
              {t(`lti.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {links.map((l) => (
          <tr data-link={l.id}>
            <th scope="row" safe>
              {l.title}
            </th>
            <td>
              <code safe>{l.targetUrl}</code>
            </td>
            <td class="kn-num" safe>
              {String(l.launches)}
            </td>
            <td>
              <Status t={t} active={l.active} />
            </td>
            <td>
              <a class="ds-link" href={`/lti/tools/${props.toolId}/links/${l.id}`} safe>
                {t('lti.links.edit')}
              </a>{' '}
              {l.active ? (
                <a class="ds-link" href={`/lti/launch/${l.id}?return=/lti/tools/${props.toolId}`} safe>
                  {t('lti.links.testLaunch')}
                </a>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ToolPageProps {
  t: LT;
  csrf: string;
  detail: ToolDetail;
  config: PlatformConfig;
  toolForm: FormState;
  linkForm: FormState;
}

export function ToolPage(props: ToolPageProps): JSX.Element {
  const { t, detail } = props;
  const { tool } = detail;
  return (
    <>
      <p>
        <a class="ds-link" href="/lti/tools" safe>
          {t('lti.tool.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.tool.editTitle', { name: tool.name })}
      </h1>
      <p safe>{tool.providerName}</p>
      <ConfigList t={t} tool={tool} config={props.config} />
      <section aria-labelledby="lti-links-title">
        <h2 id="lti-links-title" class="ds-heading" data-size="sm" safe>
          {t('lti.links.title')}
        </h2>
        <LinksTable t={t} toolId={tool.id} links={detail.links} />
        <h3 class="ds-heading" data-size="xs" safe>
          {t('lti.links.new')}
        </h3>
        <LinkForm
          t={t}
          csrf={props.csrf}
          action={`/lti/tools/${tool.id}/links`}
          state={props.linkForm}
          withActive={false}
          submit={t('lti.link.create')}
        />
      </section>
      <section aria-labelledby="lti-settings">
        <h2 id="lti-settings" class="ds-heading" data-size="sm" safe>
          {t('lti.tool.settings')}
        </h2>
        <ToolForm
          t={t}
          csrf={props.csrf}
          action={`/lti/tools/${tool.id}`}
          state={props.toolForm}
          providers={null}
          submit={t('lti.tool.save')}
        />
      </section>
    </>
  );
}

export function LinkPage(props: {
  t: LT;
  csrf: string;
  tool: ToolRow;
  link: LinkRow;
  state: FormState;
}): JSX.Element {
  const { t, tool, link } = props;
  return (
    <>
      <p>
        <a class="ds-link" href={`/lti/tools/${tool.id}`} safe>
          {t('lti.link.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('lti.link.editTitle', { title: link.title })}
      </h1>
      <LinkForm
        t={t}
        csrf={props.csrf}
        action={`/lti/tools/${tool.id}/links/${link.id}`}
        state={props.state}
        withActive
        submit={t('lti.tool.save')}
      />
    </>
  );
}
