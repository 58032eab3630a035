// The view-model floor of the pages benchmark: a small Fastify server (same Fastify, same @kitajs/html
// views and page layout as the app) that renders each page from a view model captured once in the bench
// process — per request, never a cached string — with no session, database, CSRF or access control.
// `page req/s ÷ floor req/s` is what data access and access control cost.
//
// Run as a child process: `node --import tsx bench/floor-server.ts <view-models file>` (v8-serialized
// FloorPage[]); it prints "running at http://127.0.0.1:<port>" like the app.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import Fastify from 'fastify';
import { nav } from '../src/app.ts';
import { messages as coachingMessages } from '../src/domains/coaching/messages.ts';
import { EngagementList } from '../src/domains/coaching/views/list.tsx';
import { messages as companyMessages } from '../src/domains/companies/messages.ts';
import { CompanyListView } from '../src/domains/companies/views/list.tsx';
import { messages as esfMessages } from '../src/domains/esf/messages.ts';
import { ScbMonthPage } from '../src/domains/esf/views/scb-month.tsx';
import { insightsT } from '../src/domains/insights/messages.ts';
import { RollupPage } from '../src/domains/insights/views/rollup.tsx';
import { messages as mappingMessages } from '../src/domains/mapping/messages.ts';
import { ResultsPageView } from '../src/domains/mapping/views/results-page.tsx';
import { catalogueMessages } from '../src/domains/training/messages/catalogue.ts';
import { CatalogueSearchView } from '../src/domains/training/views/catalogue-public.tsx';
import type { Actor } from '../src/platform/auth.ts';
import { Page } from '../src/platform/http/views.tsx';
import { type Locale, translator } from '../src/platform/i18n/index.ts';

type PropsOf<F extends (props: never) => unknown> = Omit<Parameters<F>[0], 't'>;

/** Everything a page's view component gets except its translator, which the floor builds per request. */
export type FloorView =
  | { kind: 'companies'; props: PropsOf<typeof CompanyListView> }
  | { kind: 'mapping-results'; props: Omit<PropsOf<typeof ResultsPageView>, 'print'> }
  | { kind: 'insights-needs'; props: PropsOf<typeof RollupPage> }
  | { kind: 'catalogue'; props: PropsOf<typeof CatalogueSearchView> }
  | { kind: 'coaching'; props: PropsOf<typeof EngagementList> }
  | { kind: 'esf-month'; props: Omit<PropsOf<typeof ScbMonthPage>, 'csrf'> };

export interface FloorPage {
  name: string;
  /** The app's URL of the page; the floor answers the same path (its query string is ignored). */
  path: string;
  locale: Locale;
  title: string;
  actor: Actor;
  view: FloorView;
}

/** The page's own view component, given a fresh translator (and CSRF token where the page has forms). */
function body(view: FloorView, locale: Locale, csrf: string): JSX.Element {
  switch (view.kind) {
    case 'companies':
      return CompanyListView({ ...view.props, t: translator(companyMessages, locale) });
    case 'mapping-results':
      return ResultsPageView({ ...view.props, print: false, t: translator(mappingMessages, locale) });
    case 'insights-needs':
      return RollupPage({ ...view.props, t: insightsT(locale) });
    case 'catalogue':
      return CatalogueSearchView({ ...view.props, t: translator(catalogueMessages, locale) });
    case 'coaching':
      return EngagementList({ ...view.props, t: translator(coachingMessages, locale) });
    case 'esf-month':
      return ScbMonthPage({ ...view.props, csrf, t: translator(esfMessages, locale) });
  }
}

/** One page as the app sends it: the layout (nav, language switch, CSRF) around the view. */
export async function renderFloorPage(page: FloorPage, url: string): Promise<string> {
  const csrf = randomBytes(24).toString('base64url');
  return Page({
    locale: page.locale,
    title: page.title,
    actor: page.actor,
    nav,
    path: url,
    csrfToken: csrf,
    flash: null,
    children: body(page.view, page.locale, csrf),
  });
}

export function writeFloorPages(file: string, pages: FloorPage[]): void {
  fs.writeFileSync(file, v8.serialize(pages));
}

export async function floorServer(pages: FloorPage[]) {
  const app = Fastify({ logger: false });
  app.get('/livez', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok'));
  for (const page of pages) {
    const url = page.path.split('?')[0] as string;
    app.get(url, async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(await renderFloorPage(page, req.url)),
    );
  }
  return app;
}

async function main(file: string): Promise<void> {
  const pages = v8.deserialize(fs.readFileSync(file)) as FloorPage[];
  const app = await floorServer(pages);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`floor server running at http://127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('Usage: node --import tsx bench/floor-server.ts <view-models file>\n');
    process.exit(2);
  }
  await main(file);
}
