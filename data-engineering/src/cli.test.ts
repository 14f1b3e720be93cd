import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exists, makeTempRoot, realRecords, writeRawSet, RAW_DATA } from './__tests__/raw-fixture';
import { REPO_ROOT } from './shared/repo-root';
import { makeSyntheticRawSet } from './synthetic/make-synthetic-raw-set';

// The CLI runs from dist/, as `npm run ingest` does: build it first (incremental).
const CLI = path.join(REPO_ROOT, 'data-engineering', 'dist', 'cli.js');
let root: string;

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'data-engineering'], {
    cwd: REPO_ROOT,
  });
  root = await makeTempRoot();
  await writeRawSet(path.join(root, 'small'), await realRecords(8));
  await writeFile(path.join(root, 'small', 'broken.json'), '[{"compound_id": "NSC1", "num_rings":');
  await makeSyntheticRawSet({ from: RAW_DATA, out: path.join(root, 'big'), count: 2000 });
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
/** build-raw-data without bad records, its summary as JSON on stderr. */
const runBuild = (out: string, ...flags: string[]) =>
  run('build-raw-data', ...flags, '--no-bad-records', '--out', out, '--log', 'json');
const ingestArgs = (data: string, out: string) => [
  'ingest',
  '--data_loc',
  path.join(root, data),
  '--output_path',
  path.join(root, out),
  '--dlq',
  path.join(root, 'dlq.log'),
  '--log',
  'json',
];
const summaryOf = (stderr: string) =>
  JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as { datasetVersion: string; recovered: string };

async function waitFor(file: string): Promise<void> {
  while (!(await exists(file))) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('cli', () => {
  it('when asked for help, then ingest documents both flag spellings and the exit codes', () => {
    const { stdout, status } = run('ingest', '--help');
    expect(status).toBe(0);
    for (const flag of [
      '--data_loc, --data-loc',
      '--file_name, --file-name',
      '--output_path',
      '--dlq',
      '--append',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/3 malformed input file/);
  });

  it('when build-raw-data gets no --source, then it draws the NCI batch committed in the repository', async () => {
    const out = path.join(root, 'default-source');
    const { status, stderr } = runBuild(out, '--limit', '3');
    expect(stderr).not.toMatch(/cannot read/);
    expect(status).toBe(0);
    const records = JSON.parse(await readFile(path.join(out, 'compounds.json'), 'utf8')) as {
      compound_id: string;
    }[];
    expect(records.map((r) => r.compound_id)).toEqual(['NSC1', 'NSC2', 'NSC3']);
  });

  it('when build-raw-data gets ring kinds and a style variant, then only those kinds are drawn in that variant', async () => {
    const out = path.join(root, 'fused-variant');
    const variant = ['--style', 'train', '--style-variant', '3'];
    const { status, stderr } = runBuild(out, '--limit', '12', ...variant, '--ring-kinds', 'fused', 'spiro');
    expect(status).toBe(0);
    const summary = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ event: 'build-raw-data', style: 'train', styleVariant: 3 });
    const records = JSON.parse(await readFile(path.join(out, 'compounds.json'), 'utf8')) as unknown[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.length + (summary.otherKinds as number)).toBe(12);
  });

  it('when build-raw-data gets an unknown ring kind or a variant of the default style, then it exits 2 with the reason', () => {
    const unknown = run('build-raw-data', '--ring-kinds', 'cubic', '--out', path.join(root, 'never'));
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/'cubic' is invalid.*bridged, small-ring/s);
    const variant = run('build-raw-data', '--style-variant', '1', '--out', path.join(root, 'never'));
    expect(variant.status).toBe(2);
    expect(variant.stderr).toContain('a style variant needs the train or unseen style set');
  });

  it('when flags are spelled in snake or kebab case, then the result is the same dataset', () => {
    const snake = run(...ingestArgs('small', 'out-snake'));
    const kebab = run(
      'ingest',
      '--data-loc',
      path.join(root, 'small'),
      '--output-path',
      path.join(root, 'out-kebab'),
      '--dlq',
      path.join(root, 'dlq.log'),
      '--log',
      'json',
    );
    expect([snake.status, kebab.status]).toEqual([0, 0]);
    expect(summaryOf(kebab.stderr).datasetVersion).toBe(summaryOf(snake.stderr).datasetVersion);
  });

  it.each([
    ['an invalid flag value', 2, ['--max-image-bytes', 'lots'], /--maxImageBytes/],
    ['a malformed input file', 3, ['--file_name', 'broken.json'], /ends before the array is closed/],
    ['a missing data_loc', 4, ['--data_loc', '/nonexistent/raw'], /does not exist/],
  ])('when given %s, then it exits %d with a clear message', (_case, code, extra, message) => {
    const { status, stderr } = run(...ingestArgs('small', 'out-errors'), ...extra);
    expect(status).toBe(code);
    expect(stderr).toMatch(message);
  });

  it('when killed with -9 mid-run, then the previous dataset is intact and a rerun gives the clean-run version', async () => {
    expect(run(...ingestArgs('small', 'out')).status).toBe(0);
    const before = await readFile(path.join(root, 'out', 'compound_rings.csv'), 'utf8');
    const child = spawn(process.execPath, [CLI, ...ingestArgs('big', 'out'), '--workers', '1']);
    await waitFor(path.join(root, 'out', '.ingest-staging', 'compound_rings.csv'));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await readFile(path.join(root, 'out', 'compound_rings.csv'), 'utf8')).toBe(before);

    const rerun = run(...ingestArgs('big', 'out'));
    const clean = run(...ingestArgs('big', 'out-clean'));
    expect([rerun.status, clean.status]).toEqual([0, 0]);
    expect(summaryOf(rerun.stderr).recovered).toBe('discarded');
    expect(summaryOf(rerun.stderr).datasetVersion).toBe(summaryOf(clean.stderr).datasetVersion);
  }, 60_000);

  it('when sent SIGTERM mid-run, then it exits 130 and leaves nothing staged', async () => {
    const child = spawn(process.execPath, [CLI, ...ingestArgs('big', 'out-term'), '--workers', '1']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitFor(path.join(root, 'out-term', '.ingest-staging', 'compound_rings.csv'));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(await exists(path.join(root, 'out-term'))).toBe(false);
  }, 30_000);
});
