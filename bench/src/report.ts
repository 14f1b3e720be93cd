import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renderResultsMarkdown, replaceBenchSection } from './readme-table';
import { parseResults, type Results } from './results';
import { REPO_ROOT } from './paths';
import { runProcess } from './processes';

const RESULTS_FILE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/;

/** bench/results/2025-01-31T12-00-00Z.json for a run that started then. */
export function resultsFileName(startedAt: string): string {
  return `${startedAt.slice(0, 19).replace(/:/g, '-')}Z.json`;
}

/** Write a results file (aside, then renamed) and return its path. */
export async function writeResults(dir: string, results: Results): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, resultsFileName(results.started_at));
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(parseResults(results), null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
  return file;
}

/** The newest results file of a folder, or null when it holds none. */
export async function latestResultsFile(dir: string): Promise<string | null> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((n) => RESULTS_FILE.test(n))
    .sort()
    .pop();
  return newest ? path.join(dir, newest) : null;
}

/** Read and validate a results file. */
export async function readResults(file: string): Promise<Results> {
  const text = await fs.readFile(file, 'utf8');
  return parseResults(JSON.parse(text), file);
}

const PRETTIER = path.join(REPO_ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');

/** Fill README's bench section from a results file, formatted by Prettier. */
export async function updateReadme(readmePath: string, resultsPath: string): Promise<void> {
  const results = await readResults(resultsPath);
  const source = path.relative(REPO_ROOT, resultsPath);
  const readme = await fs.readFile(readmePath, 'utf8');
  const updated = replaceBenchSection(readme, renderResultsMarkdown(results, source));
  await fs.writeFile(readmePath, updated);
  // The README is checked by Prettier; let it lay out the tables.
  await runProcess(process.execPath, [PRETTIER, '--log-level', 'warn', '--write', readmePath]);
}
