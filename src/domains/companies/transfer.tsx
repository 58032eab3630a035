// Company import (upload → stored preview → confirm or cancel) and export of the list, as pages.
// The JSON API equivalents are in transfer/api.ts.
import { hasRole } from '../../platform/auth.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../platform/http/registry.ts';
import { listMunicipalities } from '../reference/index.ts';
import { canImportCompanies, canListCompanies } from './policy.ts';
import { companyListQuery } from './schema.ts';
import { transferApiRoutes } from './transfer/api.ts';
import { type ColumnKey, columnKeys } from './transfer/columns.ts';
import { type ExportFormat, errorRowsCsv, startExport, templateFile } from './transfer/export.ts';
import * as imports from './transfer/import-service.ts';
import { MAX_ROWS, type ParseError } from './transfer/parse.ts';
import { columnLabel, transferT } from './transfer/present.ts';
import { type DuplicateMode, duplicateModes, importParams, uploadForm } from './transfer/schema.ts';
import { PreviewView, previewTitle } from './transfer/views/preview.tsx';
import { UploadView } from './transfer/views/upload.tsx';

const importAccess = policy('canImportCompanies', canImportCompanies);
const listAccess = policy('canListCompanies', canListCompanies);

const requiredForNew: ColumnKey[] = ['name', 'municipalityCode', 'employeesWomen', 'employeesMen'];

async function renderUpload(
  ctx: Ctx<unknown, unknown, unknown>,
  errors: FieldError[],
  mode: DuplicateMode,
  status: number,
) {
  const t = transferT(ctx.locale);
  const label = (k: ColumnKey) => columnLabel(t, k);
  return ctx.page(
    t('transfer.import.title'),
    <UploadView
      t={t}
      csrf={ctx.csrfToken()}
      mode={mode}
      errors={errors}
      officerOnly={!hasRole(ctx.actor, 'region_admin')}
      required={requiredForNew.map(label).join(', ')}
      optional={columnKeys
        .filter((k) => k !== 'orgNumber' && !requiredForNew.includes(k))
        .map(label)
        .join(', ')}
      maxRows={MAX_ROWS}
    />,
    status,
  );
}

async function renderPreview(
  ctx: Ctx<unknown, unknown, unknown>,
  imp: imports.ImportRecord,
  status = 200,
  alert?: string,
) {
  const t = transferT(ctx.locale);
  const municipalityNames = new Map((await listMunicipalities(ctx.db)).map((m) => [m.code, m.name]));
  return ctx.page(
    previewTitle(t, imp),
    <PreviewView
      t={t}
      locale={ctx.locale}
      imp={imp}
      csrf={ctx.csrfToken()}
      municipalityNames={municipalityNames}
      alert={alert}
    />,
    status,
  );
}

export const fileErrorField = (error: ParseError): FieldError => {
  const { code, ...params } = error;
  return { field: 'file', message: `transfer.file.${code}`, params };
};

/** The duplicate mode as posted (multipart fields arrive as `{ value }`), for re-rendering the form. */
function postedMode(body: unknown): DuplicateMode {
  const raw = (body as { duplicateMode?: unknown } | undefined)?.duplicateMode;
  const value = raw && typeof raw === 'object' && 'value' in raw ? raw.value : raw;
  return duplicateModes.find((m) => m === value) ?? 'skip';
}

const noStore = (ctx: Ctx<unknown, unknown, unknown>, fileName: string, type: string) =>
  ctx.reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .type(type);

function exportRoute(format: ExportFormat): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/companies/export.${format}`,
    kind: 'page',
    access: listAccess,
    query: companyListQuery,
    handler: async (ctx) => {
      const out = await startExport(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip, locale: ctx.locale },
        ctx.query,
        format,
      );
      return noStore(ctx, out.fileName, out.contentType).send(out.body);
    },
  });
}

function templateRoute(format: ExportFormat): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/companies/import/template.${format}`,
    kind: 'page',
    access: importAccess,
    handler: async (ctx) => {
      const type =
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const name = `${transferT(ctx.locale)('transfer.template.fileName')}.${format}`;
      return noStore(ctx, name, type).send(await templateFile(ctx.locale, format));
    },
  });
}

export const transferRoutes: AnyRoute[] = [
  exportRoute('csv'),
  exportRoute('xlsx'),
  templateRoute('csv'),
  templateRoute('xlsx'),
  defineRoute({
    method: 'GET',
    url: '/companies/import',
    kind: 'page',
    access: importAccess,
    handler: async (ctx) => renderUpload(ctx, [], 'skip', 200),
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/import',
    kind: 'page',
    access: importAccess,
    multipart: true,
    body: uploadForm,
    handler: async (ctx) => {
      if (!ctx.form.ok) return renderUpload(ctx, ctx.form.errors, postedMode(ctx.req.body), 422);
      const { file, duplicateMode } = ctx.form.value;
      const created = await imports.createImport(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        file,
        duplicateMode,
      );
      if (!created.ok) return renderUpload(ctx, [fileErrorField(created.error)], duplicateMode, 422);
      return ctx.redirect(`/companies/import/${created.id}`);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/companies/import/:id',
    kind: 'page',
    access: importAccess,
    params: importParams,
    handler: async (ctx) => renderPreview(ctx, await imports.getImport(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'GET',
    url: '/companies/import/:id/errors.csv',
    kind: 'page',
    access: importAccess,
    params: importParams,
    handler: async (ctx) => {
      const imp = await imports.getImport(ctx.db, ctx.actor, ctx.params.id);
      const name = `${transferT(ctx.locale)('transfer.errors.fileName')}.csv`;
      return noStore(ctx, name, 'text/csv; charset=utf-8').send(errorRowsCsv(imp.rows, ctx.locale));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/import/:id/confirm',
    kind: 'page',
    access: importAccess,
    params: importParams,
    handler: async (ctx) => {
      const t = transferT(ctx.locale);
      const url = `/companies/import/${ctx.params.id}`;
      try {
        const r = await imports.confirmImport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
        return ctx.redirect(url, t('transfer.done.flash', { added: r.added, updated: r.updated }));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
        if (err.message === 'transfer.confirm.done') return ctx.redirect(url);
        const imp = await imports.refreshImport(ctx.db, ctx.actor, ctx.params.id);
        return renderPreview(ctx, imp, 409, t('transfer.confirm.conflict'));
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/import/:id/cancel',
    kind: 'page',
    access: importAccess,
    params: importParams,
    handler: async (ctx) => {
      const t = transferT(ctx.locale);
      try {
        await imports.cancelImport(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return ctx.redirect(`/companies/import/${ctx.params.id}`);
        throw err;
      }
      return ctx.redirect('/companies/import', t('transfer.cancelled.flash'));
    },
  }),
  ...transferApiRoutes,
];
