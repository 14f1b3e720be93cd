// The monitoring dashboard: draws GET /deployed_version/ and GET /monitoring/.
import { ApiFailure, fetchJson, messageOf } from './api.js';
import {
  classDistributionSpec,
  confidenceDistributionSpec,
  driftOverTimeSpec,
  measuresOverTimeSpec,
} from '/assets/charts/monitoring-specs.mjs';
import { renderChart } from './render-chart.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const TOKEN_KEY = 'ring-count.operations-token';
const tokenInput = /** @type {HTMLInputElement} */ ($('token-input'));

/** Authorization header with the token this tab holds, if any. */
function authorization() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** @param {string} iso */
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const percent = (/** @type {number | null} */ x) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** @param {any} deployed the body of GET /deployed_version/ */
function showVersion(deployed) {
  $('serving-version').textContent = deployed.serving_version ?? 'nothing';
  $('promoted-at').textContent = when(deployed.promoted_at);
  $('previous-version').textContent = deployed.previous ?? '—';
  const body = /** @type {HTMLTableSectionElement} */ ($('promotions').querySelector('tbody'));
  body.replaceChildren(
    ...[...deployed.history].reverse().map((/** @type {any} */ s) => {
      const row = document.createElement('tr');
      for (const text of [s.version, when(s.promoted_at), when(s.loaded_at), s.previous ?? '—']) {
        row.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      return row;
    }),
  );
}

/** @param {string} version */
async function classNames(version) {
  try {
    return (await fetchJson(`/models/${encodeURIComponent(version)}`)).metadata?.labels?.names ?? [];
  } catch {
    return [];
  }
}

/** @param {any} report the body of GET /monitoring/ */
async function showReport(report) {
  const { recommendation, certainty, feedback, drift } = report;
  const points = report.history.points;
  $('recommendation').textContent = recommendation.retraining_recommended ? 'recommended' : 'not needed';
  $('reasons').replaceChildren(
    ...[...recommendation.reasons, ...recommendation.warnings].map((/** @type {any} */ r) =>
      Object.assign(document.createElement('li'), { textContent: r.message }),
    ),
  );
  $('certainty-figures').textContent =
    `Mean confidence ${percent(certainty.mean_confidence)}; below ${certainty.low_confidence_threshold}: ` +
    `${percent(certainty.low_confidence_share)} live, ${percent(certainty.baseline_low_confidence_share)} at training.`;
  const current = feedback.current;
  $('accuracy-figures').textContent =
    `${percent(current.accuracy)} over ${current.count} feedbacks; test accuracy ${percent(current.expected_accuracy)}, ` +
    `retraining below ${percent(current.accuracy_floor)}.`;
  $('charts').hidden = false;
  const names = report.model_version ? await classNames(report.model_version) : [];
  const empty = { baseline_counts: [], live_counts: [], edges: [0] };
  await Promise.all([
    renderChart($('drift-chart'), driftOverTimeSpec(points)),
    renderChart($('classes-chart'), classDistributionSpec(drift.predicted_class ?? empty, names)),
    renderChart($('certainty-chart'), confidenceDistributionSpec(drift.confidence ?? empty)),
    renderChart(
      $('accuracy-chart'),
      measuresOverTimeSpec(points, { accuracy: 'live accuracy', mean_confidence: 'mean confidence' }, [
        { value: current.accuracy_floor, color: '#b3261e' },
      ]),
    ),
  ]);
}

/** @param {unknown} err */
function accessMessage(err) {
  if (err instanceof ApiFailure && err.status === 401) {
    return sessionStorage.getItem(TOKEN_KEY)
      ? `The operations token entered is not this server's: ${messageOf(err)}`
      : `This server asks for the operations token: enter it above. ${messageOf(err)}`;
  }
  if (err instanceof ApiFailure && err.status === 403) {
    return `Monitoring is closed on this server until its operator sets OPERATIONS_TOKEN: ${messageOf(err)}`;
  }
  return `The monitoring report could not be loaded: ${messageOf(err)}`;
}

async function refresh() {
  tokenInput.placeholder = sessionStorage.getItem(TOKEN_KEY) ? 'a token is held in this tab' : '';
  $('status').textContent = 'Loading…';
  $('error').hidden = true;
  try {
    showVersion(await fetchJson('/deployed_version/'));
  } catch (err) {
    $('serving-version').textContent = `unknown (${messageOf(err)})`;
  }
  try {
    await showReport(await fetchJson('/monitoring/', { headers: authorization() }));
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (err) {
    $('charts').hidden = true;
    $('error').textContent = accessMessage(err);
    $('error').hidden = false;
    $('status').textContent = '';
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  tokenInput.value = '';
  void refresh();
});
$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  void refresh();
});
$('refresh').addEventListener('click', () => void refresh());
void refresh();
