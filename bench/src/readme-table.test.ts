import { sampleResults } from './__fixtures__/results';
import {
  formatNumber,
  README_END,
  README_START,
  renderResultsMarkdown,
  replaceBenchSection,
} from './readme-table';

describe('formatNumber', () => {
  it.each([
    [12345.6, '12,346'],
    [123.4, '123'],
    [12.34, '12.3'],
    [1.234, '1.23'],
    [0, '0.00'],
  ])('when %d, then %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('renderResultsMarkdown', () => {
  const text = renderResultsMarkdown(sampleResults(), 'bench/results/x.json');

  it('when a benchmark ran, then its ratio row shows value, range and the goal verdict', () => {
    expect(text).toContain('| ingest | ours / peer | 2.50x | 2.18x – 2.89x | ≥ 2.00x (met) |');
  });

  it('when a figure has a goal it misses, then the row says missed', () => {
    expect(text).toContain('| ingest | ours: peak RSS | 350 |  | MiB | 1 | ≤ 300 (**missed**) |');
  });

  it('when a figure has several runs, then its spread is shown', () => {
    expect(text).toContain('| ingest | ours: ingest | 25,000 | ±4.0% | records/s | 3 |  |');
  });

  it('when a benchmark could not run, then it is listed with the reason', () => {
    expect(text).toContain('- train: not built yet: @rings/data-science does not export buildModel');
  });

  it('when describing the run, then machine, versions, peers and source are named', () => {
    expect(text).toMatch(
      /Test CPU, 2 cores, 24 GiB.*tfjs-node 4\.22\.0.*python 3\.11\.7.*bench\/results\/x\.json/,
    );
  });

  it('when a note holds a pipe, then it is escaped so the markdown stays intact', () => {
    expect(text).toContain('a note \\| with a pipe');
  });
});

describe('replaceBenchSection', () => {
  it('when the markers are there, then only what lies between them changes', () => {
    const readme = `# Title\n\n${README_START}\nold table\n${README_END}\n\nafter\n`;
    const out = replaceBenchSection(readme, 'new table');
    expect(out).toBe(`# Title\n\n${README_START}\n\nnew table\n\n${README_END}\n\nafter\n`);
  });

  it('when run twice, then the result is the same', () => {
    const readme = `${README_START}\n${README_END}\n`;
    const once = replaceBenchSection(readme, 'x');
    expect(replaceBenchSection(once, 'x')).toBe(once);
  });

  it('when the markers are missing, then it throws', () => {
    expect(() => replaceBenchSection('# no markers\n', 'x')).toThrow(README_START);
  });
});
