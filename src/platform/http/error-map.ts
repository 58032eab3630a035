import { isDatabaseUnavailable } from '../db.ts';
import { AppError } from '../errors.ts';

/** Any thrown error to the product's closed list of error codes (what the user is told). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e.code?.startsWith('FST_CSRF')) return new AppError('FORBIDDEN', 'error.csrf');
  if (
    e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  )
    return new AppError('VALIDATION', 'error.422.body');
  if (e.statusCode === 400 || e.code === 'FST_ERR_VALIDATION')
    return new AppError('VALIDATION', 'error.422.body');
  // An upload over the multipart limit (10 MB) never reaches the handler: say why, at the file field.
  if (e.code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('VALIDATION', 'validation.fileTooLarge', [
      { field: 'file', message: 'validation.fileTooLarge' },
    ]);
  if (e.statusCode === 413) return new AppError('VALIDATION', 'error.422.body');
  if (e.statusCode === 415) return new AppError('VALIDATION', 'error.422.body');
  // The database is down, unreachable or did not answer in time: "try again in a moment", not a bug.
  if (isDatabaseUnavailable(err)) return new AppError('UNAVAILABLE');
  return new AppError('INTERNAL');
}
