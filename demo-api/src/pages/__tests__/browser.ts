// Headless Chromium (Debian's package) driven by playwright-core, and the app
// served on a real port, for the page tests.
import { existsSync, promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The browser the tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots go here (git-ignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../../../test-artifacts');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  /** The browser's one context, on a fresh profile; open pages with context.newPage(). */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launch Chromium with a fresh profile. A missing browser fails the test with
 * how to install it: these tests never skip.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: npm test installs it (scripts/ensure-test-tools.sh), or run apt-get install chromium, or set CHROMIUM_PATH`,
    );
  }
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'chromium-profile-'));
  // playwright passes the profile as --user-data-dir
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: FLAGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Serve app on a free local port; returns its base URL and how to stop it. */
export async function serve(app: Express): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Every console error and uncaught exception of a page (CSP violations are console errors). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Save a full-page screenshot as test-artifacts/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page under test and what it logged, renewed before each test. */
export interface PageSession {
  page: Page;
  errors: string[];
  /** The app's base URL. */
  url: string;
}

/**
 * For a page test file: serve the app `start` makes, launch Chromium once, and
 * open `route` on a fresh page before each test; close it all after the file.
 */
export function openPageForEachTest(
  route: string,
  start: () => Promise<{ app: Express; close(): Promise<void> }>,
): PageSession {
  const session = {} as PageSession;
  let stopApp: (() => Promise<void>) | undefined;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    const started = await start();
    stopApp = started.close;
    server = await serve(started.app);
    session.url = server.url;
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    session.page = await (browser as TestBrowser).context.newPage();
    session.errors = collectErrors(session.page);
    await session.page.goto(session.url + route);
  });
  afterEach(() => session.page.close());
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopApp?.();
  });
  return session;
}
