import { type AnyRoute, defineRoute, PUBLIC } from './platform/http/registry.ts';
import { defineMessages, translator } from './platform/i18n/index.ts';

const messages = defineMessages(
  {
    'a11y.title': 'Tillgänglighetsredogörelse',
    'a11y.body':
      'Kompetensnavet ska uppfylla WCAG 2.1 nivå AA enligt lagen (2018:1937) om tillgänglighet till digital offentlig service. Alla sidor går att använda med tangentbord och skärmläsare, och alla formulär fungerar utan JavaScript.',
    'a11y.report': 'Rapportera brister',
    'a11y.reportBody':
      'Om du upptäcker något som inte fungerar, kontakta regionens projektledning. Du kan också anmäla till Myndigheten för digital förvaltning (Digg), som är tillsynsmyndighet.',
    'statistics.link': 'Öppen statistik om kompetensbehoven i länet',
  },
  {
    'a11y.title': 'Accessibility statement',
    'a11y.body':
      'Kompetensnavet aims to meet WCAG 2.1 level AA as required by the Swedish Act (2018:1937) on accessibility to digital public services. Every page can be used with a keyboard and a screen reader, and every form works without JavaScript.',
    'a11y.report': 'Report a problem',
    'a11y.reportBody':
      "If you find something that does not work, contact the region's project management. You may also report it to the Agency for Digital Government (Digg), the supervisory authority.",
    'statistics.link': 'Open statistics on competence needs in the county',
  },
);

export const publicRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/accessibility',
    kind: 'page',
    access: PUBLIC,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      return ctx.page(
        t('a11y.title'),
        <>
          <h1 class="ds-heading" data-size="lg" safe>
            {t('a11y.title')}
          </h1>
          <p class="ds-paragraph" safe>
            {t('a11y.body')}
          </p>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('a11y.report')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('a11y.reportBody')}
          </p>
          <p class="ds-paragraph">
            <a class="ds-link" href="/statistik" safe>
              {t('statistics.link')}
            </a>
          </p>
        </>,
      );
    },
  }),
];
