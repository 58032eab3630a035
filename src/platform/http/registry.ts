import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../auth.ts';
import type { Db } from '../db.ts';
import type { Env } from '../env.ts';
import type { FieldError } from '../errors.ts';
import type { Locale } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail.ts';
import type { Keyring } from '../secrets.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the application hands every handler. */
export interface AppDeps {
  db: Db;
  env: Env;
  mailer: Mailer;
  logger: Logger;
  /** Seals and opens personal identity numbers (ESF administration). */
  keyring: Keyring;
  baseUrl: string;
}

/**
 * Who may use a route at all. `public` is explicit; otherwise a named pure policy over the actor
 * (the route answers 401/redirect to login without an actor and 403 when the policy says no).
 * Record-level checks happen in the services, in the queries.
 */
export type Access = { public: true } | { policy: (actor: Actor) => boolean; name: string };

export const PUBLIC: Access = { public: true };
export const policy = (name: string, check: (actor: Actor) => boolean): Access => ({ policy: check, name });
export const signedIn = policy('signedIn', () => true);

export type FormInput<B> =
  | { ok: true; value: B }
  | { ok: false; errors: FieldError[]; raw: Record<string, string> };

export interface Ctx<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  deps: AppDeps;
  db: Db;
  locale: Locale;
  /** Present on every non-public route. */
  actor: Actor;
  /** The actor on a public route, if signed in. */
  maybeActor: Actor | null;
  params: P;
  query: Q;
  /**
   * API routes: the validated body. Page routes: the validated form or its errors with the raw input.
   * Protocol routes: the raw body (a Buffer, or undefined when there is none).
   */
  body: B;
  form: FormInput<B>;
  ip: string;
  csrfToken: () => string;
  /** The flash message set by the previous redirect, if any. */
  flash: string | null;
  html: (markup: string | Promise<string>, status?: number) => Promise<FastifyReply>;
  /** Render a page in the common layout (navigation, language switch, flash message). */
  page: (title: string, body: JSX.Element, status?: number) => Promise<FastifyReply>;
  redirect: (url: string, flash?: string) => FastifyReply;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  url: string;
  /**
   * `page`: HTML with the session and CSRF; `api`: JSON under /api/v1 with a bearer token; `protocol`: an
   * external standard's endpoint (xAPI, LTI, well-known documents) that authenticates by its own rules
   * (`protocolAuth`), gets the raw body as a Buffer (any content type), skips CSRF and answers itself.
   */
  kind: 'page' | 'api' | 'protocol';
  access: Access;
  /** Protocol routes: how the handler authenticates the caller (for the authorisation matrix). */
  protocolAuth?: string;
  /** Protocol routes: the largest body accepted (default the server's 2 MB). */
  bodyLimit?: number;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** OpenAPI: a one-line summary and tag (API routes). */
  summary?: string;
  tag?: string;
  /** OpenAPI: the response body schema of a 2xx answer, when JSON. */
  response?: z.ZodType;
  /** The status of a successful API answer (default 200). */
  successStatus?: number;
  /** Multipart uploads skip the form body parser. */
  multipart?: boolean;
  handler: (ctx: Ctx<P, Q, B>) => Promise<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of every input type
export type AnyRoute = RouteDef<any, any, any>;

/** Declare a route; the types of params, query and body follow from their schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = Record<string, never>>(
  def: RouteDef<P, Q, B>,
): AnyRoute {
  return def as AnyRoute;
}
