import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import { maskOrgNumber } from '../../platform/identifiers.ts';
import { coachOptions } from './coaches.ts';
import { inviteContact } from './invite-contact.ts';
import { canAssignCoaches, canCreateCompany, canEditSomeCompany, canListCompanies } from './policy.ts';
import { companyInput, companyListQuery, companyStatuses, idParams } from './schema.ts';
import * as service from './service.ts';

const workplaceOut = z.object({
  id: z.string().uuid(),
  name: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  cfar: z.string().nullable(),
});
const contactOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  roleTitle: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hasAccount: z.boolean(),
});
const companyOut = z.object({
  id: z.string().uuid(),
  orgNumber: z.string(),
  isSoleTrader: z.boolean(),
  name: z.string(),
  sniCode: z.string().nullable(),
  sniName: z.string().nullable(),
  status: z.enum(companyStatuses),
  foundVia: z.string(),
  employeesWomen: z.number().int(),
  employeesMen: z.number().int(),
  sizeClass: z.string(),
  turnoverTsek: z.number().int().nullable(),
  balanceTsek: z.number().int().nullable(),
  partOfGroup: z.boolean(),
  groupEmployees: z.number().int().nullable(),
  groupTurnoverTsek: z.number().int().nullable(),
  groupBalanceTsek: z.number().int().nullable(),
  isSme: z.boolean(),
  smeReason: z.string(),
  ownerOrganisation: z.string(),
  version: z.number().int(),
  workplaces: z.array(workplaceOut),
  contacts: z.array(contactOut),
  coaches: z.array(z.object({ userId: z.string().uuid(), name: z.string() })),
  updatedAt: z.string(),
});
const listItemOut = z.object({
  id: z.string().uuid(),
  orgNumber: z.string(),
  name: z.string(),
  sniCode: z.string().nullable(),
  status: z.enum(companyStatuses),
  sizeClass: z.string(),
  isSme: z.boolean(),
  municipalities: z.string().nullable(),
  updatedAt: z.string(),
});
const historyOut = z.object({
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  changedFields: z.array(z.string()),
});
const listOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(listItemOut),
});

/** View model for the API: no internal columns (region, owner ids). */
function present(d: service.CompanyDetail): z.infer<typeof companyOut> {
  const c = d.company;
  return {
    id: c.id,
    orgNumber: c.orgNumber,
    isSoleTrader: c.isSoleTrader,
    name: c.name,
    sniCode: c.sniCode,
    sniName: c.sniName,
    status: c.status,
    foundVia: c.foundVia,
    employeesWomen: c.employeesWomen,
    employeesMen: c.employeesMen,
    sizeClass: c.sizeClass,
    turnoverTsek: c.turnoverTsek,
    balanceTsek: c.balanceTsek,
    partOfGroup: c.partOfGroup,
    groupEmployees: c.groupEmployees,
    groupTurnoverTsek: c.groupTurnoverTsek,
    groupBalanceTsek: c.groupBalanceTsek,
    isSme: c.isSme,
    smeReason: c.smeReason,
    ownerOrganisation: c.ownerOrgName,
    version: c.version,
    workplaces: d.workplaces,
    contacts: d.contacts.map(({ userId, ...p }) => ({ ...p, hasAccount: userId !== null })),
    coaches: d.coaches,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const companyApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/companies',
    kind: 'api',
    tag: 'companies',
    summary: 'List companies in your scope, with search, filters and pagination',
    access: policy('canListCompanies', canListCompanies),
    query: companyListQuery,
    response: listOut,
    handler: async (ctx) => {
      const { rows, total } = await service.listCompanies(ctx.db, ctx.actor, ctx.query);
      return {
        total,
        page: ctx.query.page,
        pageSize: ctx.query.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          orgNumber: maskOrgNumber(r.orgNumber, r.isSoleTrader),
          name: r.name,
          sniCode: r.sniCode,
          status: r.status,
          sizeClass: r.sizeClass,
          isSme: r.isSme,
          municipalities: r.municipalities,
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/companies',
    kind: 'api',
    tag: 'companies',
    summary: 'Register a company (at least one workplace)',
    access: policy('canCreateCompany', canCreateCompany),
    body: companyInput,
    response: companyOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await service.createCompany(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body);
      return present(await service.getCompany(ctx.db, ctx.actor, id));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/companies/:id',
    kind: 'api',
    tag: 'companies',
    summary: 'One company with workplaces, contacts and coaches',
    access: policy('canListCompanies', canListCompanies),
    params: idParams,
    response: companyOut,
    handler: async (ctx) => present(await service.getCompany(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/companies/:id',
    kind: 'api',
    tag: 'companies',
    summary: "Replace a company's details; send `version` to refuse overwriting a newer change (409)",
    access: policy('canEditSomeCompany', canEditSomeCompany),
    params: idParams,
    body: companyInput,
    response: companyOut,
    handler: async (ctx) => {
      await service.updateCompany(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return present(await service.getCompany(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/companies/:id/history',
    kind: 'api',
    tag: 'companies',
    summary: "A company's change history (newest first)",
    access: policy('canListCompanies', canListCompanies),
    params: idParams,
    response: z.array(historyOut),
    handler: async (ctx) =>
      (await service.companyHistory(ctx.db, ctx.actor, ctx.params.id)).map((h) => ({
        at: h.at.toISOString(),
        actor: h.actorName,
        action: h.action,
        changedFields: Object.keys((h.details.changes as Record<string, unknown> | undefined) ?? {}),
      })),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/companies/:id/coaches',
    kind: 'api',
    tag: 'companies',
    summary: 'Assign a coach of the region to the company',
    access: policy('canAssignCoaches', canAssignCoaches),
    params: idParams,
    body: z.object({ userId: z.string().uuid('validation.uuid') }),
    response: z.array(z.object({ userId: z.string().uuid(), name: z.string() })),
    handler: async (ctx) => {
      const detail = await service.getCompany(ctx.db, ctx.actor, ctx.params.id);
      const options = await coachOptions(ctx.db, detail);
      const ids = [...options.map((o) => o.userId), ...detail.coaches.map((c) => c.userId)];
      await service.assignCoach(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.body.userId,
        ids,
      );
      return (await service.getCompany(ctx.db, ctx.actor, ctx.params.id)).coaches;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/companies/:id/coaches/:userId',
    kind: 'api',
    tag: 'companies',
    summary: 'Remove a coach from the company',
    access: policy('canAssignCoaches', canAssignCoaches),
    params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
    handler: async (ctx) => {
      await service.unassignCoach(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.params.userId);
      return undefined;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/companies/:id/contacts/:contactId/invitation',
    kind: 'api',
    tag: 'companies',
    summary: 'Invite a contact person as a user with the company-contact role',
    access: policy('canAssignCoaches', canAssignCoaches),
    params: z.object({ id: z.string().uuid(), contactId: z.string().uuid() }),
    response: z.object({ invited: z.boolean(), email: z.string().nullable() }),
    handler: async (ctx) => {
      const { email } = await inviteContact(
        ctx.deps,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.params.contactId,
      );
      if (!email)
        throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'email', message: 'validation.required' }]);
      return { invited: true, email };
    },
  }),
];
