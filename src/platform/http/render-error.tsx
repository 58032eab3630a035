import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../errors.ts';
import { anyT, type CommonKey, commonT, isKnownKey, isLocale, type Locale } from '../i18n/index.ts';
import { type NavItem, Page } from './views.tsx';

/** Seconds a client is asked to wait before trying again when the service is unavailable (503). */
export const RETRY_AFTER_SECONDS = 10;

/** RFC 9457 problem document for the API, localised title and field errors. */
export function sendProblem(reply: FastifyReply, error: AppError, locale: Locale): FastifyReply {
  const t = anyT(locale);
  const status = error.status;
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  // A message key of a domain (e.g. `mapping.locked`) says more than the status: it becomes the detail.
  const detail = error.message !== error.code && isKnownKey(error.message) ? t(error.message) : undefined;
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `about:blank`,
      title: t(`error.${status}.title` as CommonKey),
      status,
      ...(detail ? { detail, reason: error.message } : {}),
      code: error.code,
      errors: error.fields.map((f) => ({
        field: f.field,
        code: f.message,
        message: t(f.message, f.params),
      })),
    });
}

export async function renderError(
  req: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  nav: NavItem[],
): Promise<FastifyReply> {
  // A request that failed before its locale was picked (the session look-up needs the database)
  // still honours the language chosen with the switch.
  const lang = req.cookies?.kn_lang;
  const locale: Locale = isLocale(lang) ? lang : req.locale;
  const t = commonT(locale);
  const status = error.status;
  const title = t(`error.${status}.title` as CommonKey);
  const body =
    error.message === 'error.csrf'
      ? t('error.csrf')
      : error.message !== error.code && isKnownKey(error.message)
        ? anyT(locale)(error.message)
        : t(`error.${status}.body` as CommonKey);
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const link =
    status === 401 ? { href: '/login', text: t('layout.login') } : { href: '/', text: t('error.back') };
  const content = (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {title}
      </h1>
      <p class="ds-paragraph" safe>
        {body}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={link.href} safe>
          {link.text}
        </a>
      </p>
    </>
  );
  const html = await Page({
    locale,
    title,
    actor: req.actor,
    nav,
    // A path that does not exist is not echoed back (it may hold whatever was typed into the address bar).
    path: status === 404 ? '/' : req.url,
    csrfToken: reply.generateCsrf(),
    children: content,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
