// The monitoring dashboard in a real browser, behind the operations token,
// after 200 predictions (the last 50 drawn in another style) and 50 feedbacks.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { drawDifferently, interleaved, rawCompounds, readRawImages } from '../monitoring/__tests__/drawings';
import { makeStore, startMonitoredApp } from '../monitoring/__tests__/monitored-app';
import { predictAll } from '../monitoring/__tests__/requests';
import { openPageForEachTest, saveScreenshot } from './__tests__/browser';

const TOKEN = 'dashboard-test-operations-token';
const CHARTS = ['drift-chart', 'classes-chart', 'certainty-chart', 'accuracy-chart'];
const ui = openPageForEachTest('/dashboard', async () => {
  const compounds = await rawCompounds();
  const [validation, live, redrawn] = await Promise.all([
    readRawImages(interleaved(compounds, 4, 0, 100)),
    readRawImages(interleaved(compounds, 4, 1, 150)),
    drawDifferently(interleaved(compounds, 4, 2, 50)),
  ]);
  const root = await makeStore(validation);
  const running = await startMonitoredApp(root, {
    MONITORING_DIR: path.join(root, 'log'),
    MONITORING_HISTORY_INTERVAL_MS: '0',
    OPERATIONS_TOKEN: TOKEN,
  });
  const answers = [...(await predictAll(running.app, live)), ...(await predictAll(running.app, redrawn))];
  await running.observed(200);
  const truths = interleaved(compounds, 4, 1, 50);
  for (const [i, truth] of truths.entries()) {
    await request(running.app)
      .post('/feedback/')
      .send({ request_id: answers[i].request_id, num_rings: truth.num_rings })
      .expect(200);
  }
  return {
    app: running.app,
    close: async () => {
      await running.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
});

describe('the monitoring dashboard (GET /dashboard)', () => {
  it('when no token is entered on a server that needs one, then it says so and draws no chart', async () => {
    const error = ui.page.locator('#error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /asks for the operations token: enter it above.*\(UNAUTHORIZED\)/,
    );
    expect(await ui.page.locator('#charts').isHidden()).toBe(true);
    expect(await ui.page.locator('#serving-version').textContent()).toBe('v1');
    expect(ui.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('when a wrong token is entered, then it says the token is not this server’s', async () => {
    await ui.page.fill('#token-input', 'not-the-token');
    await ui.page.press('#token-input', 'Enter');
    await ui.page.locator('#error', { hasText: 'is not this server' }).waitFor();
    expect(ui.page.url()).not.toContain('not-the-token');
  });

  it('when the token is entered, then every chart is drawn from the report, also within a phone’s width, with no console error', async () => {
    await ui.page.fill('#token-input', TOKEN);
    await ui.page.click('button[type=submit]');
    for (const id of CHARTS) await ui.page.locator(`#${id}[data-rendered="true"] svg`).waitFor();
    expect(ui.page.url()).toBe(ui.url + '/dashboard');
    expect(await ui.page.evaluate('sessionStorage.length')).toBe(1);
    // drift: a line per feature (6 inputs, confidence, predicted_class) and the two threshold rules
    expect(await ui.page.locator('#drift-chart svg .mark-line.role-mark path').count()).toBe(8);
    expect(await ui.page.locator('#drift-chart svg .mark-rule.role-mark line').count()).toBe(2);
    expect(await ui.page.locator('#classes-chart svg .mark-rect.role-mark path').count()).toBe(14);
    expect(await ui.page.locator('#certainty-chart svg .mark-rect.role-mark path').count()).toBe(20);
    expect(await ui.page.locator('#accuracy-figures').textContent()).toMatch(/over 50 feedbacks/);
    expect(await ui.page.locator('#promotions tbody tr').count()).toBe(1);
    expect(await ui.page.getAttribute('#token-input', 'placeholder')).toBe('a token is held in this tab');
    await saveScreenshot(ui.page, 'dashboard-page');
    await ui.page.setViewportSize({ width: 360, height: 740 });
    await ui.page.click('#refresh');
    await ui.page.locator('#status', { hasText: 'Updated' }).waitFor();
    expect(await ui.page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')).toEqual([
      360, 360,
    ]);
    expect(ui.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
