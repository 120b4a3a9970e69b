// The example web app (examples/web) end to end: built with Vite, served from its own origin, driven in
// headless Chromium against the gateway on the emulator. It lists a thing's executions, cancels and
// updates them, and shows each result union member as a plain message.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, missingBrowserPrerequisites } from '../support/chromium.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startStaticServer, type StaticServer } from '../support/staticServer.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/web');
const VITE = join(EXAMPLE, 'node_modules/vite/bin/vite.js');
const MANIFEST = join(EXAMPLE, 'trusted-documents.json');
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const UI_TIMEOUT = { timeout: 15_000, interval: 100 };

const UPDATE = `mutation BehindTheAppsBack($input: UpdateJobExecutionInput!) {
  updateJobExecution(input: $input) { __typename ... on Error { message } }
}`;
const STATUS = `query ExecutionStatus($jobId: String!, $thingName: String!) {
  jobExecution(jobId: $jobId, thingName: $thingName) { __typename ... on JobExecution { status versionNumber } }
}`;

const missing = missingBrowserPrerequisites({
  "the example's dependencies (npm ci --prefix examples/web)": VITE,
});
if (missing && process.env.CI === 'true') {
  // CI installs both: a silent skip there would hide a broken pipeline, so this counts as a failed test.
  it('has Chromium and the example app installed (CI=true)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`[skip] web app end-to-end tests: ${missing}`);
}

interface SeenRequest {
  method: string;
  operationName: string | undefined;
  sentText: boolean;
  status?: number;
  cacheControl?: string;
}

/** A browser page on the app, recording every GraphQL request it makes. */
async function openApp(browser: Browser, site: StaticServer, gw: TestGateway, thing: string) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  const seen: SeenRequest[] = [];
  const byRequest = new Map<unknown, SeenRequest>();
  page.on('request', (request) => {
    if (!request.url().startsWith(gw.url) || request.method() === 'OPTIONS') return;
    const url = new URL(request.url());
    const body = request.postData();
    const parsed = body ? (JSON.parse(body) as { operationName?: string; query?: string }) : undefined;
    const entry: SeenRequest = {
      method: request.method(),
      operationName: parsed?.operationName ?? url.searchParams.get('operationName') ?? undefined,
      sentText: parsed ? typeof parsed.query === 'string' : url.searchParams.has('query'),
    };
    byRequest.set(request, entry);
    seen.push(entry);
  });
  page.on('response', (response) => {
    const entry = byRequest.get(response.request());
    if (!entry) return;
    entry.status = response.status();
    entry.cacheControl = response.headers()['cache-control'];
  });
  await page.goto(`${site.origin}/?thing=${thing}`);
  return { page, seen };
}

const row = (page: Page, jobId: string) => page.locator(`tr[data-job-id="${jobId}"]`);
const statusOf = (page: Page, jobId: string) =>
  row(page, jobId)
    .getByTestId('status')
    .innerText({ timeout: 1000 })
    .catch(() => undefined);
const message = (page: Page) =>
  page
    .getByTestId('result-message')
    .innerText({ timeout: 1000 })
    .catch(() => undefined);
const click = (page: Page, jobId: string, button: string) =>
  row(page, jobId).getByRole('button', { name: button }).click();

describe.skipIf(missing !== undefined)('example web app in headless Chromium', () => {
  let outDir: string;
  let site: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'web-example-'));
    await promisify(execFile)(
      process.execPath,
      [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: EXAMPLE,
      },
    );
    site = await startStaticServer(outDir);
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  async function gatewayFor(env: Record<string, string> = {}): Promise<TestGateway> {
    const gw = await startTestGateway({ seed: 'demo', env: { CORS_ORIGINS: site.origin, ...env } });
    site.override('/config.json', { graphqlUrl: gw.url });
    return gw;
  }

  describe('with automatic persisted queries (TRUSTED_DOCUMENTS=off)', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gatewayFor();
    });
    afterAll(() => gw.close());

    it('lists, cancels and updates executions, showing each result as a message', async () => {
      const { page, seen } = await openApp(browser, site, gw, 'thermostat-002');
      await expect.poll(() => statusOf(page, 'firmware-update-v2'), UI_TIMEOUT).toBe('IN_PROGRESS');
      await expect.poll(() => statusOf(page, 'security-patch-7'), UI_TIMEOUT).toBe('QUEUED');

      // InvalidStateTransitionError: an IN_PROGRESS execution cannot be canceled without force.
      await click(page, 'firmware-update-v2', 'Cancel');
      await expect
        .poll(() => message(page), UI_TIMEOUT)
        .toMatch(/^Not allowed in its current state: .+ It is IN_PROGRESS\.$/);

      // VersionConflictError: the device moved the execution on after the page loaded.
      const moved = await gw.gql(UPDATE, {
        input: { jobId: 'security-patch-7', thingName: 'thermostat-002', status: 'IN_PROGRESS' },
      });
      expect(moved.body.data.updateJobExecution.__typename).toBe('UpdateJobExecutionSuccess');
      await click(page, 'security-patch-7', 'Mark succeeded');
      await expect
        .poll(() => message(page), UI_TIMEOUT)
        .toBe(
          'Changed by someone else: expectedVersion 1 does not match the current version 2. ' +
            'It is now IN_PROGRESS at version 2; the list was reloaded, try again.',
        );
      await expect.poll(() => statusOf(page, 'security-patch-7'), UI_TIMEOUT).toBe('IN_PROGRESS');

      // UpdateJobExecutionSuccess: the returned execution updates the row through the normalized cache.
      await click(page, 'security-patch-7', 'Mark succeeded');
      await expect
        .poll(() => message(page), UI_TIMEOUT)
        .toBe('Updated: security-patch-7 on thermostat-002 is now SUCCEEDED (version 3).');
      await expect.poll(() => statusOf(page, 'security-patch-7'), UI_TIMEOUT).toBe('SUCCEEDED');
      await page.screenshot({ path: join(ARTIFACTS, 'web-app.png'), fullPage: true });

      // CancelJobExecutionSuccess, on another thing picked in the form.
      await page.getByLabel('Thing name').fill('thermostat-001');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => statusOf(page, 'config-rollout-42'), UI_TIMEOUT).toBe('QUEUED');
      await click(page, 'config-rollout-42', 'Cancel');
      await expect
        .poll(() => message(page), UI_TIMEOUT)
        .toBe('Canceled: config-rollout-42 on thermostat-001. It is now CANCELED.');
      await expect.poll(() => statusOf(page, 'config-rollout-42'), UI_TIMEOUT).toBe('CANCELED');

      // What the app changed really changed upstream.
      const upstream = await gw.gql(STATUS, { jobId: 'config-rollout-42', thingName: 'thermostat-001' });
      expect(upstream.body.data.jobExecution).toMatchObject({
        __typename: 'JobExecution',
        status: 'CANCELED',
      });
      const patched = await gw.gql(STATUS, { jobId: 'security-patch-7', thingName: 'thermostat-002' });
      expect(patched.body.data.jobExecution).toMatchObject({ status: 'SUCCEEDED', versionNumber: 3 });

      // APQ: the list query went out as GET by hash (text sent once, by POST, to register it), each
      // mutation as POST, and every GraphQL answer was marked private.
      const lists = seen.filter((r) => r.operationName === 'ThingExecutions');
      expect(lists.filter((r) => r.sentText).map((r) => r.method)).toEqual(['POST']);
      expect(lists.filter((r) => r.method === 'GET' && r.status === 200).length).toBeGreaterThanOrEqual(3);
      const mutations = seen.filter(
        (r) => r.operationName === 'CancelExecution' || r.operationName === 'UpdateExecution',
      );
      expect(mutations.length).toBeGreaterThanOrEqual(4);
      expect(new Set(mutations.map((r) => r.method))).toEqual(new Set(['POST']));
      expect(seen.every((r) => r.status === 200 && /private/.test(r.cacheControl ?? ''))).toBe(true);
      await page.close();
    }, 90_000);
  });

  describe("with trusted documents enforced (TRUSTED_DOCUMENTS=enforce, the app's manifest)", () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await gatewayFor({ TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_MANIFEST: MANIFEST });
    });
    afterAll(() => gw.close());

    it('runs every operation of the app by hash alone, and nothing else', async () => {
      const { page, seen } = await openApp(browser, site, gw, 'thermostat-002');
      await expect.poll(() => statusOf(page, 'firmware-update-v2'), UI_TIMEOUT).toBe('IN_PROGRESS');
      await click(page, 'firmware-update-v2', 'Mark succeeded');
      await expect
        .poll(() => message(page), UI_TIMEOUT)
        .toBe('Updated: firmware-update-v2 on thermostat-002 is now SUCCEEDED (version 3).');

      expect(seen.map((r) => [r.operationName, r.method, r.status])).toEqual([
        ['ThingExecutions', 'GET', 200],
        ['UpdateExecution', 'POST', 200],
      ]);
      expect(seen.some((r) => r.sentText)).toBe(false);

      const outsider = await gw.gql('{ ping }');
      expect(outsider.status).toBe(400);
      expect(outsider.body.errors[0].extensions.code).toBe('OPERATION_NOT_TRUSTED');
      await page.close();
    }, 90_000);
  });
});
