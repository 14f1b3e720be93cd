import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleResults } from './__fixtures__/results';
import { README_END, README_START } from './readme-table';
import { latestResultsFile, readResults, resultsFileName, updateReadme, writeResults } from './report';

describe('results files and the README section', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-report-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('when a run started at a time, then its file is named by that UTC second', () => {
    expect(resultsFileName('2025-01-31T12:00:05.123Z')).toBe('2025-01-31T12-00-05Z.json');
  });

  it('when results are written, then they read back equal and the newest file is found', async () => {
    const older = { ...sampleResults(), started_at: '2025-01-30T08:00:00.000Z' };
    const newer = sampleResults();
    await writeResults(dir, older);
    const file = await writeResults(dir, newer);
    await fs.writeFile(path.join(dir, 'notes.json'), '{}');
    expect(await latestResultsFile(dir)).toBe(file);
    expect(await readResults(file)).toEqual(newer);
  });

  it('when the folder holds no results, then there is no latest file', async () => {
    expect(await latestResultsFile(path.join(dir, 'missing'))).toBeNull();
  });

  it('when the README is updated, then the table lands between the markers and the rest is kept', async () => {
    const file = await writeResults(dir, sampleResults());
    const readme = path.join(dir, 'README.md');
    await fs.writeFile(readme, `# Title\n\nintro\n\n${README_START}\n\nold\n\n${README_END}\n\nend\n`);
    await updateReadme(readme, file);
    const text = await fs.readFile(readme, 'utf8');
    expect(text.startsWith('# Title\n\nintro\n\n')).toBe(true);
    expect(text.endsWith(`${README_END}\n\nend\n`)).toBe(true);
    expect(text).not.toContain('\nold\n');
    expect(text).toMatch(/\| ingest +\| ours \/ peer +\| 2\.50x/);
  });
});
