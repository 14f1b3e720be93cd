#!/usr/bin/env node
// Sum the figures the hostile tests wrote to tests/hostile/.results/*.json and
// put them in docs/hostile.md between the figures markers (also printed).
//   npx jest tests/hostile && node tests/hostile/write-figures.js
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const results = path.join(__dirname, '.results');
const doc = path.join(__dirname, '..', '..', 'docs', 'hostile.md');
const START = '<!-- hostile-figures:start -->';
const END = '<!-- hostile-figures:end -->';

const runs = fs
  .readdirSync(results)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(results, f), 'utf8')));
const sum = (key) => runs.reduce((total, r) => total + (r[key] ?? 0), 0);
const cell = (value) => (value === undefined ? '' : String(value));

const fuzz = runs.find((r) => r.name === 'api-fuzz');
const byStatus = fuzz
  ? Object.entries(fuzz.details.byStatus)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')
  : 'not run';
const ingest = runs.find((r) => r.name === 'ingest-mutation')?.details;
const lines = [
  START,
  `Figures from one run (seed ${runs[0]?.seed ?? 'n/a'}, ${new Date(Math.max(...runs.map((r) => Date.parse(r.at)))).toISOString().slice(0, 10)}):`,
  '',
  '| requests tried | faults injected | records mutated | data lost | crashes |',
  '| ---: | ---: | ---: | ---: | ---: |',
  `| ${sum('requests')} | ${sum('faults')} | ${sum('mutated')} | ${sum('lost')} | ${sum('crashes')} |`,
  '',
  '| test | requests | faults | mutated | lost | crashes |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...runs.map(
    (r) =>
      `| ${r.name} | ${cell(r.requests)} | ${cell(r.faults)} | ${cell(r.mutated)} | ${r.lost} | ${r.crashes} |`,
  ),
  '',
  `API fuzz answers by status: ${byStatus}.`,
  ingest
    ? `Ingest: ${ingest.runs} runs, ${ingest.read} records read = ${ingest.accepted} accepted + ${ingest.rejected} rejected + ${ingest.skipped} identical duplicates skipped; ${ingest.refusedFiles} corrupted files refused whole.`
    : 'Ingest: not run.',
  END,
];
const table = lines.join('\n');
console.log(table);
const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : `${START}\n${END}\n`;
const at = text.indexOf(START);
const end = text.indexOf(END);
if (at < 0 || end < 0) throw new Error(`${doc} has no ${START} ... ${END} section`);
fs.writeFileSync(doc, `${text.slice(0, at)}${table}${text.slice(end + END.length)}`);
// Keep the page as prettier formats it (the lint step checks it).
execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', doc], {
  stdio: 'ignore',
});
