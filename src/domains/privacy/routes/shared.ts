// Shared by the privacy pages: a form post that failed (shown again with its errors and input) and files the
// browser saves (exports, archives, CSV).
import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import type { Ctx } from '../../../platform/http/registry.ts';

export type AnyCtx = Ctx<unknown, unknown, unknown>;

/** A form post that failed: its errors and the input to show again. */
export interface Failed {
  errors: FieldError[];
  values: Record<string, string>;
}

/** The form props of a page: empty, or the failed post's errors and input. */
export const formState = (failed: Failed | null): Failed => ({
  errors: failed?.errors ?? [],
  values: failed?.values ?? {},
});

/** A page that shows a failed post answers 422. */
export const statusOf = (failed: Failed | null) => (failed ? 422 : 200);

/** A validation error of the service with the posted input; any other error is thrown on. */
export function validationFailure(err: unknown, body: unknown): Failed {
  if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
  return { errors: err.fields, values: rawForm(body) };
}

/** Sends a file for the browser to save, never cached. */
export function sendDownload(
  reply: FastifyReply,
  file: { type: string; name: string; body: string | Buffer | Uint8Array },
) {
  return reply
    .type(file.type)
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
