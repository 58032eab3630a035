import pino from 'pino';

/**
 * JSON logs with a request id. Never personal data: request logs carry method, route pattern, status and
 * timing only (no query strings, bodies, cookies, e-mail addresses or identity numbers).
 */
export function createLogger(level: string) {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.email', '*.password', '*.personnummer'],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
