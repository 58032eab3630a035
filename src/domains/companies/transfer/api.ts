// The JSON API of company import and export: the same use cases as the pages.
import type { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { canImportCompanies, canListCompanies } from '../policy.ts';
import { companyListQuery } from '../schema.ts';
import { startExport } from './export.ts';
import * as imports from './import-service.ts';
import type { ParseError } from './parse.ts';
import { displayOrgNumber, rowErrorText, transferT } from './present.ts';
import { importApiInput, importParams, importPreviewOut, importResultOut } from './schema.ts';

const importAccess = policy('canImportCompanies', canImportCompanies);

/** View model of an import for the API: counts and every row with errors (line numbers as in the file). */
function present(imp: imports.ImportRecord, locale: Locale): z.infer<typeof importPreviewOut> {
  const t = transferT(locale);
  return {
    id: imp.id,
    status: imp.status,
    fileName: imp.fileName,
    duplicateMode: imp.duplicateMode,
    expiresAt: new Date(imp.expiresAt).toISOString(),
    counts: imp.summary.counts,
    total: imp.summary.total,
    ignoredHeaders: imp.summary.ignoredHeaders,
    errors: imp.rows
      .filter((r) => r.outcome === 'error')
      .map((r) => ({
        line: r.line,
        orgNumber: displayOrgNumber(r.values.orgNumber),
        errors: r.errors.map((e) => ({
          column: e.column,
          code: e.message,
          message: rowErrorText(t, locale, e),
        })),
      })),
  };
}

/** A file that cannot be read: a problem document (RFC 9457) with the reason in the user's language. */
function fileProblem(error: ParseError, locale: Locale) {
  const t = transferT(locale);
  const { code, ...params } = error;
  return {
    type: 'about:blank',
    title: t('error.422.title'),
    status: 422,
    code: 'VALIDATION',
    errors: [{ field: 'file', code: `transfer.file.${code}`, message: t(`transfer.file.${code}`, params) }],
  };
}

export const transferApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/companies/imports',
    kind: 'api',
    tag: 'companies',
    summary:
      'Upload a file of companies (CSV text or base64 XLSX) and get a validated preview; nothing is written yet',
    access: importAccess,
    body: importApiInput,
    response: importPreviewOut,
    successStatus: 201,
    handler: async (ctx) => {
      const b = ctx.body;
      const fileName = b.fileName ?? (b.csv !== undefined ? 'import.csv' : 'import.xlsx');
      const upload: imports.Upload =
        b.csv !== undefined
          ? { fileName, text: b.csv }
          : { fileName, data: Buffer.from(b.xlsxBase64 ?? '', 'base64') };
      const created = await imports.createImport(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        upload,
        b.duplicateMode,
      );
      if (!created.ok)
        return ctx.reply
          .code(422)
          .type('application/problem+json')
          .send(fileProblem(created.error, ctx.locale));
      return present(await imports.getImport(ctx.db, ctx.actor, created.id), ctx.locale);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/companies/imports/:id',
    kind: 'api',
    tag: 'companies',
    summary: 'An import of yours: its status, counts and rows with errors',
    access: importAccess,
    params: importParams,
    response: importPreviewOut,
    handler: async (ctx) => present(await imports.getImport(ctx.db, ctx.actor, ctx.params.id), ctx.locale),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/companies/imports/:id/confirm',
    kind: 'api',
    tag: 'companies',
    summary: 'Write the valid rows of an import in one transaction (validated again); 409 if already done',
    access: importAccess,
    params: importParams,
    response: importResultOut,
    handler: async (ctx) => {
      const result = await imports.confirmImport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
      return { id: ctx.params.id, status: 'done' as const, ...result };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/companies/imports/:id',
    kind: 'api',
    tag: 'companies',
    summary: 'Cancel a pending import; nothing is written',
    access: importAccess,
    params: importParams,
    successStatus: 204,
    handler: async (ctx) => {
      await imports.cancelImport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/companies/export.csv',
    kind: 'api',
    tag: 'companies',
    summary: 'Every company in your scope matching the list filters, as CSV (UTF-8 with BOM, semicolons)',
    access: policy('canListCompanies', canListCompanies),
    query: companyListQuery,
    handler: async (ctx) => {
      const out = await startExport(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip, locale: ctx.locale },
        ctx.query,
        'csv',
      );
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .type(out.contentType)
        .send(out.body);
    },
  }),
];
