#!/usr/bin/env node
// npm run demo: the whole lifecycle on this machine, without Docker, step by
// step like the original demo's walkthrough. Installs what is missing, starts
// MLflow (unless MLFLOW_TRACKING_URI is set), ingests, trains v1 and v2,
// promotes v1, serves, predicts, promotes v2, predicts again, shows the
// monitoring report. `--serve` keeps MLflow and the API up until Ctrl-C.
//
// Settings (environment): RING_DEMO_EPOCHS (training epochs per version,
// default 3), RING_DEMO_IMAGE_SIZE (model input size, default 64),
// RING_DEMO_DIR (where the demo keeps its MLflow store, models and logs;
// default .demo/), PORT (API port; default: a free one), MLFLOW_TRACKING_URI.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startMlflowServer, findFreePort, waitForHealth } = require('./mlflow-server');

const root = path.resolve(__dirname, '..');
const serve = process.argv.includes('--serve');
if (process.argv.includes('--help')) {
  console.log(
    'usage: npm run demo [-- --serve]\n\n' +
      fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 12).join('\n'),
  );
  process.exit(0);
}
const demoDir = path.resolve(process.env.RING_DEMO_DIR ?? path.join(root, '.demo'));
const epochs = process.env.RING_DEMO_EPOCHS ?? '3';
const imageSize = process.env.RING_DEMO_IMAGE_SIZE ?? '64';
const sampleImage = 'raw-data/images/NSC5.png'; // anthraquinone amine: 3 rings

let step = 0;
function say(title, why) {
  step += 1;
  console.log(`\n\x1b[1m== ${step}. ${title}\x1b[0m`);
  if (why) console.log(`   ${why}`);
}

/** Run a command in the repo, streaming its output; throw if it fails. */
function run(command, args, env = {}) {
  console.log(`   $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0)
    throw new Error(`'${command} ${args.join(' ')}' failed (exit ${result.status ?? result.signal})`);
}

async function http(method, url, body, headers = {}) {
  const res = await fetch(url, { method, body, headers, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: show as is
  }
  return { status: res.status, text: shown };
}

async function show(method, base, route, body) {
  console.log(`   $ curl -X ${method} ${base}${route}${body ? ` -F "image=@${sampleImage}"` : ''}`);
  const { status, text } = await http(method, `${base}${route}`, body);
  const lines = text.split('\n');
  const cut = lines.length > 30 ? [...lines.slice(0, 30), `   ... (${lines.length - 30} more lines)`] : lines;
  console.log(`   HTTP ${status}\n${cut.map((l) => `   ${l}`).join('\n')}`);
  if (status >= 400) throw new Error(`${method} ${route} answered ${status}`);
  return text;
}

function imageForm() {
  const form = new FormData();
  form.append(
    'image',
    new Blob([fs.readFileSync(path.join(root, sampleImage))], { type: 'image/png' }),
    'compound.png',
  );
  return form;
}

async function waitForDeployed(base, version) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { text } = await http('GET', `${base}/deployed_version/`);
    // The pointer names the new version at once; serving_version once it is loaded and warm.
    let serving = null;
    try {
      serving = JSON.parse(text).serving_version;
    } catch {
      // not JSON (yet): ask again
    }
    if (serving === version) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not switch to ${version} within 60 s`);
}

async function main() {
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()();
  };
  process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
  process.on('SIGTERM', () => cleanup().then(() => process.exit(143)));
  try {
    await lifecycle(cleanups);
  } finally {
    if (!serve) await cleanup();
  }
}

async function lifecycle(cleanups) {
  say('Install what is missing', 'npm dependencies, native TensorFlow, the MLflow server environment.');
  run('bash', ['scripts/setup.sh']);
  run('npx', ['tsc', '-b', 'tsconfig.build.json']);
  fs.mkdirSync(demoDir, { recursive: true });

  say('Start MLflow', 'every training run, metric, artifact and model version is tracked there.');
  let trackingUri = process.env.MLFLOW_TRACKING_URI;
  if (trackingUri) {
    await waitForHealth(trackingUri, 10_000);
    console.log(`   using MLFLOW_TRACKING_URI=${trackingUri}`);
  } else {
    const server = await startMlflowServer({ dir: path.join(demoDir, 'mlflow') });
    cleanups.push(server.stop);
    trackingUri = server.uri;
    console.log(`   MLflow is up at ${trackingUri} (log ${server.logFile})`);
  }
  const env = { MLFLOW_TRACKING_URI: trackingUri, MODEL_STORE_DIR: path.join(demoDir, 'models') };

  say(
    'Ingest the raw data',
    'validate every record; good ones become a CSV + images, bad ones go to the DLQ.',
  );
  const dataDir = path.join(demoDir, 'data');
  const dlq = path.join(demoDir, 'dlq.log');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(dlq, { force: true });
  run('node', [
    'data-engineering/dist/cli.js',
    'ingest',
    '--data_loc',
    'raw-data',
    '--file_name',
    'compounds.json',
    '--output_path',
    dataDir,
    '--dlq',
    dlq,
    '--log',
    'plain',
  ]);
  const dlqLines = fs.readFileSync(dlq, 'utf8').trim().split('\n').filter(Boolean);
  console.log(`   the DLQ holds ${dlqLines.length} records; the first three errors:`);
  for (const line of dlqLines.slice(0, 3))
    console.log(`     row ${JSON.parse(line).row}: ${JSON.parse(line).error}`);

  const modelsDir = path.join(demoDir, 'trained');
  for (const [version, why] of [
    ['v1', 'the small baseline CNN of the original story.'],
    ['v2', 'a deeper CNN with batch norm: the better version we will switch to live.'],
  ]) {
    say(`Train ${version}`, why);
    const args = [
      'data-science/dist/cli.js',
      'train',
      '--version',
      version,
      '--arch',
      version,
      '--data',
      dataDir,
      '--out',
      modelsDir,
      '--reports',
      path.join(demoDir, 'reports'),
      '--epochs',
      epochs,
      '--image-size',
      imageSize,
    ];
    run('node', args, env);
  }

  say(
    'Promote v1',
    'copy it into the model store, check it loads and predicts, switch deployed.json atomically.',
  );
  run('./update-models.sh', ['v1'], { ...env, MODEL_SOURCE_DIR: modelsDir });

  say('Start the API', 'it serves the deployed version and follows deployed.json for hot reloads.');
  const port = process.env.PORT ?? String(await findFreePort());
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(demoDir, 'demo-api.log');
  // production closes feedback and operations routes without their tokens: make some for this run
  const tokens = {
    FEEDBACK_TOKEN: process.env.FEEDBACK_TOKEN ?? randomBytes(24).toString('hex'),
    OPERATIONS_TOKEN: process.env.OPERATIONS_TOKEN ?? randomBytes(24).toString('hex'),
  };
  const api = spawn('node', ['demo-api/dist/main.js'], {
    cwd: root,
    env: { ...process.env, ...env, ...tokens, PORT: port, NODE_ENV: 'production' },
    stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')],
  });
  cleanups.push(() => stopChild(api));
  await waitForReady(base, api, logFile);
  console.log(`   the API is ready at ${base} (log ${logFile})`);

  say('Ask the API', "the original demo's calls.");
  await show('GET', base, '/');
  await show('GET', base, '/models/');
  await show('GET', base, '/deployed_version/');
  await show('POST', base, '/predict/', imageForm());

  say('Promote v2 while the API runs', 'the API loads v2 beside v1, warms it, switches, then retires v1.');
  run('./update-models.sh', ['v2'], { ...env, MODEL_SOURCE_DIR: modelsDir });
  await waitForDeployed(base, 'v2');
  await show('GET', base, '/deployed_version/');
  await show('POST', base, '/predict/', imageForm());

  say(
    'Traffic and feedback',
    'predict 60 raw-data images, then tell the API the true ring counts (POST /feedback/).',
  );
  await sendTrafficWithFeedback(base, 60, tokens.FEEDBACK_TOKEN);

  say('Monitoring', 'inputs and predictions against the training baseline, certainty, live accuracy.');
  const operations = { authorization: `Bearer ${tokens.OPERATIONS_TOKEN}` };
  console.log(
    `   $ curl -H "Authorization: Bearer $OPERATIONS_TOKEN" -X GET ${base}/monitoring/   (summary; the full report is JSON)`,
  );
  const { text: report } = await http('GET', `${base}/monitoring/`, undefined, operations);
  printMonitoringSummary(JSON.parse(report));

  say('Where to look');
  console.log(`   MLflow UI:       ${trackingUri}`);
  console.log(`   API docs:        ${base}/docs`);
  console.log(`   Metrics:         ${base}/metrics  (with the operations token)`);
  console.log(`   Tokens:          OPERATIONS_TOKEN=${tokens.OPERATIONS_TOKEN}`);
  console.log(`                    FEEDBACK_TOKEN=${tokens.FEEDBACK_TOKEN}`);
  console.log(
    `   Notebook:        npm run notebook  (Jupyter with the TypeScript kernel, data-science/train.ipynb)`,
  );
  if (serve) {
    console.log('\n   MLflow and the API keep running; press Ctrl-C to stop them.');
  } else {
    console.log('\nDemo complete. Run `npm run demo -- --serve` to keep the services up.');
  }
}

/** Predict `count` accepted raw-data images and send their true ring counts as feedback. */
async function sendTrafficWithFeedback(base, count, feedbackToken) {
  // Evenly spaced over the file: consecutive NSC numbers are related molecules,
  // and the first 60 alone would look like drift against the training baseline.
  const usable = JSON.parse(fs.readFileSync(path.join(root, 'raw-data/compounds.json'), 'utf8')).filter(
    (r) => r && typeof r.compound_id === 'string' && /^NSC\d+$/.test(r.compound_id) && r.image,
  );
  const step = Math.max(1, Math.floor(usable.length / count));
  const records = usable.filter((_, i) => i % step === 0).slice(0, count);
  let correct = 0;
  for (const record of records) {
    const form = new FormData();
    const bytes = fs.readFileSync(path.join(root, 'raw-data', record.image));
    form.append('image', new Blob([bytes], { type: 'image/png' }), 'compound.png');
    const prediction = JSON.parse((await http('POST', `${base}/predict/`, form)).text);
    const lastClass = prediction.probabilities.length - 1; // the last class means "that many or more"
    if (prediction.prediction === Math.min(record.num_rings, lastClass)) correct += 1;
    const feedback = JSON.stringify({ request_id: prediction.request_id, num_rings: record.num_rings });
    const res = await fetch(`${base}/feedback/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${feedbackToken}` },
      body: feedback,
    });
    if (!res.ok) throw new Error(`POST /feedback/ answered ${res.status}: ${await res.text()}`);
  }
  console.log(`   ${records.length} predictions, ${correct} right; feedback sent for each`);
}

function fmt(value, digits = 3) {
  return typeof value === 'number' ? value.toFixed(digits) : 'n/a';
}

function printMonitoringSummary(report) {
  const { window, certainty, drift, feedback, recommendation } = report;
  console.log(`   model ${report.model_version}, window ${window.size}/${window.capacity} predictions`);
  console.log(
    `   certainty: mean confidence ${fmt(certainty.mean_confidence)}, low-confidence share ${fmt(certainty.low_confidence_share)}`,
  );
  const stats = { predicted_class: drift.predicted_class, confidence: drift.confidence, ...drift.inputs };
  for (const [name, d] of Object.entries(stats)) {
    if (!d) continue;
    console.log(
      `   drift ${name.padEnd(16)} ${String(d.level).padEnd(18)} PSI ${fmt(d.psi)}  KS p ${fmt(d.ks_p_value)}`,
    );
  }
  const live = feedback.current;
  console.log(
    `   live accuracy ${fmt(live.accuracy)} (MAE ${fmt(live.mae)}) on ${live.count} feedback answers`,
  );
  const verdict = recommendation.retraining_recommended ? 'RETRAINING RECOMMENDED' : 'no retraining needed';
  console.log(`   ${verdict}${recommendation.reasons.length ? ':' : ''}`);
  for (const reason of recommendation.reasons)
    console.log(`     - ${typeof reason === 'string' ? reason : (reason.message ?? JSON.stringify(reason))}`);
}

async function waitForReady(base, child, logFile) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the API exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API was not ready within 120 s; see ${logFile}`);
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

main().catch((err) => {
  console.error(`\ndemo failed: ${err.message}`);
  process.exitCode = 1;
});
