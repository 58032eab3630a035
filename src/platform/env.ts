import { z } from 'zod';

const onOff = z.enum(['on', 'off']);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** A read replica for the insights roll-ups (PostgreSQL only; the rest reads DATABASE_URL). */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** `off`: this process serves HTTP only and runs no background jobs (run `npm run worker` apart). */
  JOBS: onOff.default('on'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Kompetensnavet <no-reply@kompetensnavet.local>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_SECRET_FILE: z.string().min(1).optional(),
  // The ESF key ring (id:base64 lines or comma-separated); else ESF_KEY_FILE; else DATA_DIR/esf.key.
  ESF_KEY: z.string().min(1).optional(),
  ESF_KEY_FILE: z.string().min(1).optional(),
  BASE_URL: z.string().url('must be an absolute URL such as https://kompetens.example.se').optional(),
  DEMO_DATA: onOff.default('on'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('Kompetens2026!'),
  /** API requests a minute per token (an address without a token gets a fifth). */
  API_RATE_LIMIT: z.coerce.number().int().min(10).max(1_000_000).default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: onOff.default('off'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Server-side prepared statements for repeated statements (off behind a pooler that cannot keep them).
  DB_PREPARED_STATEMENTS: onOff.default('on'),
  // Staff single sign-on (OpenID Connect): issuer, client id and secret all set, or none.
  OIDC_ISSUER: z
    .string()
    .url('must be an absolute URL such as https://login.example.se/realms/region')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  OIDC_LABEL: z.string().min(1).max(80).optional(),
});

const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Single sign-on is configured only as a whole: a partial set is a configuration error, not "off". */
const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  const given = oidcKeys.filter((k) => env[k] !== undefined);
  if (given.length > 0 && given.length < oidcKeys.length)
    for (const key of oidcKeys.filter((k) => env[k] === undefined))
      ctx.addIssue({ code: 'custom', path: [key], message: `must be set together with ${given.join(', ')}` });
  if (env.DATABASE_READ_URL !== undefined && env.DATABASE_URL === undefined)
    ctx.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: 'needs DATABASE_URL' });
  // The embedded database serves one process only: that process must run the jobs.
  if (env.JOBS === 'off' && env.DATABASE_URL === undefined)
    ctx.addIssue({ code: 'custom', path: ['JOBS'], message: 'off needs DATABASE_URL (and npm run worker)' });
  if (env.OIDC_LABEL !== undefined && given.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_LABEL'],
      message: 'needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
    });
});

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Parse configuration; empty strings count as unset. Never throws. */
export function parseEnv(source: NodeJS.ProcessEnv): EnvResult {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const parsed = checkedEnvSchema.safeParse(cleaned);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  };
}

/** Parse configuration or stop the process with one line per problem. */
export function loadEnvOrExit(source: NodeJS.ProcessEnv = process.env): Env {
  const result = parseEnv(source);
  if (result.ok) return result.env;
  for (const problem of result.problems) process.stderr.write(`Configuration error: ${problem}\n`);
  process.exit(1);
}
