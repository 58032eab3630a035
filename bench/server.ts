// The real app (src/main.ts) in a child process on an ephemeral loopback port, and a real sign-in.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface RunningApp {
  baseUrl: string;
  /** The child's process id (the soak samples its memory in /proc/<pid>/status). */
  pid: number;
  /** Null while the app runs; once it has exited, its exit code and the tail of its output. */
  exitReport(): string | null;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Start `node --import tsx src/main.ts` (or another script that prints "running at …", such as the
 * pages benchmark's floor server) with only the given database settings (the caller's own
 * DATABASE_URL or DATA_DIR are never passed on) and wait for its "running at" line.
 */
export async function startApp(
  dbEnv: Record<string, string>,
  opts: { script?: string; args?: string[]; onOutput?: (chunk: string) => void } = {},
): Promise<RunningApp> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the app (not of a floor server) when it stops.
      ...(process.env.BENCH_CPU_PROFILE && !opts.script
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
        : []),
      '--import',
      'tsx',
      opts.script ?? 'src/main.ts',
      ...(opts.args ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DEMO_DATA: 'off',
        LOG_LEVEL: 'warn',
        // The benchmark measures the pages, not the API's rate limit.
        API_RATE_LIMIT: '1000000',
        ...dbEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited(child);
    clearTimeout(timer);
  };
  let output = '';
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        opts.onOutput?.(chunk.toString());
        output = (output + chunk.toString()).slice(-4000);
        const url = output.match(/running at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the app exited with code ${code} before it was ready:\n${output}`));
      });
    });
    // The data listeners keep draining the pipes (so the app never blocks on a full one) and keep the tail.
    const exitReport = () =>
      child.exitCode === null && child.signalCode === null
        ? null
        : `the app exited (${child.exitCode ?? child.signalCode}); its last output:\n${output}`;
    return { baseUrl, pid: child.pid ?? 0, exitReport, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Sign in through the login form (CSRF token and cookie included); returns the Cookie header to send.
 * With `totpCode` (a function, so the code is fresh), the second step at /login/totp follows.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  totpCode?: () => string,
): Promise<string> {
  const page = await fetch(`${baseUrl}/login`);
  const jar = cookiesOf(page);
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on the login page');
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  await res.arrayBuffer();
  for (const [k, v] of cookiesOf(res)) jar.set(k, v);
  if (res.status !== 302 && res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  if (totpCode && res.headers.get('location') === '/login/totp') {
    const step = await fetch(`${baseUrl}/login/totp`, { headers: { cookie: cookieHeader(jar) } });
    for (const [k, v] of cookiesOf(step)) jar.set(k, v);
    const stepCsrf = (await step.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!stepCsrf) throw new Error('no CSRF token on the second-factor page');
    const done = await fetch(`${baseUrl}/login/totp`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: totpCode(), _csrf: stepCsrf }).toString(),
    });
    await done.arrayBuffer();
    for (const [k, v] of cookiesOf(done)) jar.set(k, v);
    if (done.status !== 302 && done.status !== 303)
      throw new Error(`the second sign-in step answered ${done.status}`);
  }
  if (!jar.has('kn_session')) throw new Error('sign-in set no session cookie');
  return cookieHeader(jar);
}
