import { z } from 'zod';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { rawForm } from '../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { coachOptions } from './coaches.ts';
import { messages } from './messages.ts';
import { regionMunicipalities, sniDetailOptions } from './options.ts';
import {
  canAssignCoaches,
  canCreateCompany,
  canEditSomeCompany,
  canImportCompanies,
  canListCompanies,
} from './policy.ts';
import { companyForm, companyListQuery, idParams } from './schema.ts';
import * as service from './service.ts';
import { CompanyDetailView } from './views/detail.tsx';
import { CompanyFormView, rowCount } from './views/form.tsx';
import { CompanyListView } from './views/list.tsx';

const listAccess = policy('canListCompanies', canListCompanies);
const createAccess = policy('canCreateCompany', canCreateCompany);
const editAccess = policy('canEditSomeCompany', canEditSomeCompany);
const coachAccess = policy('canAssignCoaches', canAssignCoaches);

/** A company as flat form values (`workplaces.0.city`), for the edit form. */
function detailToValues(d: service.CompanyDetail): Record<string, string> {
  const c = d.company;
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const values: Record<string, string> = {
    orgNumber: c.orgNumber,
    name: c.name,
    sniCode: s(c.sniCode),
    status: c.status,
    foundVia: c.foundVia,
    employeesWomen: s(c.employeesWomen),
    employeesMen: s(c.employeesMen),
    turnoverTsek: s(c.turnoverTsek),
    balanceTsek: s(c.balanceTsek),
    partOfGroup: c.partOfGroup ? 'on' : '',
    groupEmployees: s(c.groupEmployees),
    groupTurnoverTsek: s(c.groupTurnoverTsek),
    groupBalanceTsek: s(c.groupBalanceTsek),
    version: String(c.version),
  };
  for (const [i, w] of d.workplaces.entries()) {
    for (const key of ['id', 'name', 'street', 'postalCode', 'city', 'municipalityCode', 'cfar'] as const)
      values[`workplaces.${i}.${key}`] = s(w[key]);
  }
  for (const [i, p] of d.contacts.entries()) {
    for (const key of ['id', 'name', 'roleTitle', 'email', 'phone'] as const)
      values[`contacts.${i}.${key}`] = s(p[key]);
  }
  return values;
}

async function renderForm(
  ctx: Ctx<unknown, unknown, unknown>,
  opts: {
    title: string;
    action: string;
    values: Record<string, string>;
    errors: FieldError[];
    status: number;
  },
) {
  const t = translator(messages, ctx.locale);
  const more = opts.values._more === '1';
  const [municipalities, sniOptions] = await Promise.all([
    regionMunicipalities(ctx.db, ctx.actor),
    sniDetailOptions(ctx.db),
  ]);
  return ctx.page(
    opts.title,
    <CompanyFormView
      t={t}
      title={opts.title}
      action={opts.action}
      csrf={ctx.csrfToken()}
      values={opts.values}
      errors={opts.errors}
      municipalities={municipalities}
      sniOptions={sniOptions}
      workplaceRows={rowCount(opts.values, 'workplaces', more)}
      contactRows={rowCount(opts.values, 'contacts', more)}
    />,
    opts.status,
  );
}

function errorsOf(err: unknown): { errors: FieldError[]; status: number } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'VALIDATION') return { errors: err.fields, status: 422 };
  if (err.code === 'CONFLICT')
    return { errors: [{ field: '_form', message: 'validation.stale' }], status: 409 };
  return null;
}

export const companyPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/companies',
    kind: 'page',
    access: listAccess,
    query: companyListQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const [{ rows, total }, municipalities] = await Promise.all([
        service.listCompanies(ctx.db, ctx.actor, ctx.query),
        regionMunicipalities(ctx.db, ctx.actor),
      ]);
      return ctx.page(
        t('companies.title'),
        <CompanyListView
          t={t}
          rows={rows}
          total={total}
          query={ctx.query}
          municipalities={municipalities}
          canCreate={canCreateCompany(ctx.actor)}
          canImport={canImportCompanies(ctx.actor)}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/companies/new',
    kind: 'page',
    access: createAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      return renderForm(ctx, {
        title: t('companies.new'),
        action: '/companies',
        values: {},
        errors: [],
        status: 200,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies',
    kind: 'page',
    access: createAccess,
    body: companyForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      const again = (errors: FieldError[], status: number) =>
        renderForm(ctx, { title: t('companies.new'), action: '/companies', values: raw, errors, status });
      if (raw._more === '1') return again([], 200);
      if (!ctx.form.ok) return again(ctx.form.errors, 422);
      try {
        const id = await service.createCompany(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
        return ctx.redirect(`/companies/${id}`, t('company.created'));
      } catch (err) {
        const e = errorsOf(err);
        if (!e) throw err;
        return again(e.errors, e.status);
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/companies/:id',
    kind: 'page',
    access: listAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const detail = await service.getCompany(ctx.db, ctx.actor, ctx.params.id);
      const [history, coaches] = await Promise.all([
        service.companyHistory(ctx.db, ctx.actor, ctx.params.id),
        detail.canAssignCoaches ? coachOptions(ctx.db, detail) : Promise.resolve([]),
      ]);
      return ctx.page(
        detail.company.name,
        <CompanyDetailView
          t={t}
          detail={detail}
          history={history}
          coachOptions={coaches}
          csrf={ctx.csrfToken()}
          canInvite={detail.canAssignCoaches}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/companies/:id/edit',
    kind: 'page',
    access: editAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const detail = await service.getCompany(ctx.db, ctx.actor, ctx.params.id);
      if (!detail.canEdit) throw new AppError('FORBIDDEN');
      return renderForm(ctx, {
        title: t('company.editTitle', { name: detail.company.name }),
        action: `/companies/${detail.company.id}`,
        values: detailToValues(detail),
        errors: [],
        status: 200,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/:id',
    kind: 'page',
    access: editAccess,
    params: idParams,
    body: companyForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const detail = await service.getCompany(ctx.db, ctx.actor, ctx.params.id);
      if (!detail.canEdit) throw new AppError('FORBIDDEN');
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      const title = t('company.editTitle', { name: detail.company.name });
      const action = `/companies/${detail.company.id}`;
      const again = (errors: FieldError[], status: number, values = raw) =>
        renderForm(ctx, { title, action, values, errors, status });
      if (raw._more === '1') return again([], 200);
      if (!ctx.form.ok) return again(ctx.form.errors, 422);
      try {
        await service.updateCompany(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.form.value);
        return ctx.redirect(`/companies/${ctx.params.id}`, t('company.updated'));
      } catch (err) {
        const e = errorsOf(err);
        if (!e) throw err;
        // After a conflict, the next save is made against the version now stored.
        const values = e.status === 409 ? { ...raw, version: String(detail.company.version) } : raw;
        return again(e.errors, e.status, values);
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/:id/coaches',
    kind: 'page',
    access: coachAccess,
    params: idParams,
    body: z.object({ coach: z.string().uuid('validation.choice') }),
    handler: async (ctx) => {
      if (!ctx.form.ok) throw new AppError('VALIDATION', 'VALIDATION', ctx.form.errors);
      const detail = await service.getCompany(ctx.db, ctx.actor, ctx.params.id);
      const options = await coachOptions(ctx.db, detail);
      await service.assignCoach(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.form.value.coach,
        options.map((o) => o.userId),
      );
      return ctx.redirect(`/companies/${ctx.params.id}`, translator(messages, ctx.locale)('form.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/companies/:id/coaches/:userId/remove',
    kind: 'page',
    access: coachAccess,
    params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
    handler: async (ctx) => {
      await service.unassignCoach(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.params.userId);
      return ctx.redirect(`/companies/${ctx.params.id}`, translator(messages, ctx.locale)('form.saved'));
    },
  }),
];
