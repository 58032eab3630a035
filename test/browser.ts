// Browser tests: the real app in-process over a seeded test database, driven by Debian's chromium.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type AxeCore from 'axe-core';
import type { FastifyInstance } from 'fastify';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Frame,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { fictitiousOrgNumber } from '../src/demo/generate.ts';
import { DEMO_ESF_TOTP_SECRET } from '../src/demo/seed.ts';
import { base32Decode, hotp, stepAt } from '../src/domains/accounts/totp.ts';
import type { Db } from '../src/platform/db.ts';
import { testApp } from './app.ts';
import { DEMO_PASSWORD, testDb } from './db.ts';

/**
 * Debian's build of Chromium's headless shell (package chromium-headless-shell, the same Chromium release as the
 * chromium package): the "old headless" that Playwright itself uses for headless runs, without the desktop
 * browser's UI layer. On this project's 2-core machines it runs the browser tests about 28 % faster than the
 * full browser in --headless mode (test/e2e/login.test.ts: 56 s → 40 s).
 */
export const CHROMIUM = '/usr/bin/chromium-headless-shell';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Screenshots and the axe log go here, outside the repository. */
export const SHOTS_DIR = '/tmp/e2e-shots';
export { DEMO_PASSWORD } from './db.ts';

export interface E2e {
  db: Db;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** A fresh context (own cookies) and page; `dialogs` collects any alert/confirm/prompt that fired. */
  newPage(
    options?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }>;
  close(): Promise<void>;
}

/** Start the app on 127.0.0.1 (random port) over a seeded database and launch chromium. One per test file. */
export async function startE2e(): Promise<E2e> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium's headless shell at ${CHROMIUM} (Debian package "chromium-headless-shell"), but it is missing. Install it: apt-get install chromium-headless-shell`,
    );
  }
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const db = await testDb({ demo: true });
  let app: FastifyInstance | null = null;
  let browser: Browser | null = null;
  try {
    app = (await testApp(db)).app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    // launch() gives every run a fresh temporary profile (its own --user-data-dir).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    const b = browser;
    const a = app;
    const contexts: BrowserContext[] = [];
    return {
      db,
      app: a,
      baseUrl,
      browser: b,
      async newPage(options = {}) {
        const context = await b.newContext({
          baseURL: baseUrl,
          locale: 'sv-SE',
          viewport: { width: 1280, height: 900 },
          ...options,
        });
        context.setDefaultTimeout(10_000);
        context.setDefaultNavigationTimeout(15_000);
        contexts.push(context);
        const page = await context.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
        return { context, page, dialogs };
      },
      async close() {
        for (const c of contexts) await c.close().catch(() => undefined);
        await b.close();
        await a.close();
        await db.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** TOTP secrets of demo accounts that have two-factor (the demo ESF administrator). */
const DEMO_TOTP: Record<string, string> = { 'esf@example.org': DEMO_ESF_TOTP_SECRET };
let lastStep = 0;

/** A TOTP code for a step not used yet in this file (codes are refused twice): waits for the next step if needed. */
export async function nextTotpCode(secret: string): Promise<string> {
  let step = Math.max(stepAt(Date.now()), lastStep + 1);
  while (step > stepAt(Date.now()) + 1) await new Promise((r) => setTimeout(r, 500));
  if (step < stepAt(Date.now()) - 1) step = stepAt(Date.now());
  lastStep = step;
  return hotp(base32Decode(secret), step);
}

/**
 * Sign in through the login form; resolves once the browser has left /login (and the two-factor step, for
 * an account with a demo TOTP secret: the code is computed like an authenticator app would).
 */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.locator('form[action="/login"] button[type="submit"]').click(),
  ]);
  const secret = DEMO_TOTP[email];
  if (secret && new URL(page.url()).pathname === '/login/totp') {
    await page.locator('#f-code').fill(await nextTotpCode(secret));
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.locator('form[action="/login/totp"] button[type="submit"]').click(),
    ]);
  }
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  target: string;
  help: string;
  summary: string;
}

function describe(findings: AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `  - ${f.id} [${f.impact ?? '?'}] ${f.target}: ${f.help}\n      ${f.summary.replace(/\n/g, '\n      ')}`,
    )
    .join('\n');
}

/**
 * Scan the current page with axe (WCAG 2.0/2.1 A and AA) and assert no violations. Soft, so one page's
 * problems do not hide the next page's: the test still fails, listing rule id, target and page.
 */
export async function axeCheck(page: Page, label: string): Promise<AxeFinding[]> {
  const findings = await axeScan(page);
  const where = `${label} (${new URL(page.url()).pathname})`;
  if (findings.length > 0) {
    fs.appendFileSync(path.join(SHOTS_DIR, 'axe-violations.log'), `${where}\n${describe(findings)}\n\n`);
  }
  expect
    .soft(findings, `axe found ${findings.length} WCAG violation(s) on ${where}:\n${describe(findings)}`)
    .toEqual([]);
  return findings;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_OPTIONS: AxeCore.RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS } };
type AxeWindow = Window & { axe: typeof AxeCore };

/**
 * axe's partial results for a frame and, depth first, the frames inside it (null for one that could not be
 * scanned, which axe then reports): the protocol of axe.runPartial/finishRun. axe is injected into a frame only
 * when it is not there yet — parsing its 550 kB costs about half a second — and `finishRun` runs in the page
 * itself rather than in a new blank page, which is what made @axe-core/playwright's scan take 2 s a page.
 */
async function axePartials(
  frame: Frame,
  context: AxeCore.ElementContext,
): Promise<(AxeCore.PartialResult | null)[]> {
  if (await frame.evaluate(() => typeof (window as Partial<AxeWindow>).axe === 'undefined')) {
    await frame.evaluate(AXE_SOURCE);
  }
  const children = await frame.evaluate(
    (ctx: unknown) =>
      (window as unknown as AxeWindow).axe.utils.getFrameContexts(ctx as AxeCore.ElementContext),
    context as unknown,
  );
  const own = await frame.evaluate(
    ([ctx, options]: unknown[]) =>
      (window as unknown as AxeWindow).axe.runPartial(
        ctx as AxeCore.ElementContext,
        options as AxeCore.RunOptions,
      ),
    [context, AXE_OPTIONS] as unknown[],
  );
  const results: (AxeCore.PartialResult | null)[] = [own];
  for (const { frameSelector, frameContext } of children) {
    const child = await frame
      .evaluateHandle(
        (selector) => (window as unknown as AxeWindow).axe.utils.shadowSelect(selector),
        frameSelector,
      )
      .then((handle) => handle.asElement()?.contentFrame() ?? null)
      .catch(() => null);
    results.push(...(child ? await axePartials(child, frameContext).catch(() => [null]) : [null]));
  }
  return results;
}

/** The axe violations (WCAG 2.0/2.1 A and AA) on the current page and its frames, one entry per offending element. */
export async function axeScan(page: Page): Promise<AxeFinding[]> {
  const partials = await axePartials(page.mainFrame(), { exclude: [] });
  const results = await page.evaluate(
    ([p, options]) => (window as unknown as AxeWindow).axe.finishRun(p as AxeCore.PartialResults, options),
    [partials, AXE_OPTIONS] as const,
  );
  return results.violations.flatMap((v): AxeFinding[] =>
    v.nodes.map((n) => ({
      id: v.id,
      impact: n.impact ?? v.impact,
      target: n.target.map(String).join(' '),
      help: v.help,
      summary: n.failureSummary ?? '',
    })),
  );
}

/**
 * A full-page screenshot into SHOTS_DIR (not the repository), for a person to read; returns its path. CI sets
 * E2E_SHOTS=off: nobody reads them there, and each costs 0.15–0.3 s of the browser's time.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SHOTS_DIR, `${name}.png`);
  if (process.env.E2E_SHOTS !== 'off') await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The element that has focus, described by tag, id, class and text, for assertions and messages. */
export async function focused(
  page: Page,
): Promise<{ tag: string; id: string; className: string; text: string; href: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      className: typeof el?.className === 'string' ? el.className : '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      href: el?.getAttribute('href') ?? '',
    };
  });
}

/** A valid, fictitious organisationsnummer (the unused 502 series), unique per call within a test file. */
let orgSerial = 700_000;
export function newOrgNumber(): string {
  orgSerial += 1;
  return fictitiousOrgNumber(orgSerial);
}
