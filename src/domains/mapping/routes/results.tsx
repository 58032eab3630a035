// The results of a mapping: the page (also as a printable document) and the JSON API.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { commonT, translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { comparisonOut, presentComparison, presentResults, resultsOut } from '../results/schema.ts';
import { canListMappings } from '../service/mappings.ts';
import * as service from '../service/results.ts';
import { ResultsPageView, ResultsPrintDocument } from '../views/results-page.tsx';

const access = policy('canListMappings', canListMappings);
const idParams = z.object({ id: z.string().uuid() });
/** An unusable `compare` value falls back to the default (the previous round), it is not an error. */
const pageQuery = z.object({
  print: z.string().optional(),
  compare: z.string().uuid().optional().catch(undefined),
});
const compareQuery = z.object({ with: z.string({ error: 'validation.required' }).uuid('validation.uuid') });

export const resultRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mappings/:id/results',
    kind: 'page',
    access,
    params: idParams,
    query: pageQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { results, compare } = await service.resultsPage(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        ctx.query.compare,
      );
      const title = t('mapping.results.heading', { company: results.head.companyName });
      const props = { t, locale: ctx.locale, results, compare };
      if (ctx.query.print === '1')
        return ctx.html(
          <ResultsPrintDocument
            {...props}
            print={true}
            title={title}
            appName={commonT(ctx.locale)('app.name')}
          />,
        );
      return ctx.page(title, <ResultsPageView {...props} print={false} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings/:id/results',
    kind: 'api',
    tag: 'mapping',
    summary:
      "A mapping's results: roles × competences matrix, ranked gaps with totals, maturity, recruitment needs (preliminary while in progress)",
    access,
    params: idParams,
    response: resultsOut,
    handler: async (ctx) => presentResults(await service.getResults(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings/:id/results/compare',
    kind: 'api',
    tag: 'mapping',
    summary:
      'Before/after comparison of two submitted mappings of the same company in different rounds, on the common core',
    access,
    params: idParams,
    query: compareQuery,
    response: comparisonOut,
    handler: async (ctx) => {
      const result = await service.compareMappings(ctx.db, ctx.actor, ctx.params.id, ctx.query.with);
      if (!result) throw new AppError('NOT_FOUND');
      return presentComparison(result);
    },
  }),
];
