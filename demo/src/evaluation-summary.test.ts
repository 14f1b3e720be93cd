import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEvaluation, summarizeEvaluation } from './evaluation-summary';

const scores = (n: number, accuracy: number, mae: number) => ({ n, accuracy, mae });

describe('summarizeEvaluation', () => {
  it('when the test split has NCI and ChEMBL, then the ChEMBL line says drug-like, then the whole split', () => {
    const report = {
      ...scores(800, 0.8, 0.2),
      by_source: { nci: scores(500, 0.85, 0.15), chembl: scores(300, 0.7666, 0.3) },
    };
    expect(summarizeEvaluation('v2', report)).toEqual([
      'v2 on the NCI test split: exact accuracy 0.850, MAE 0.150 (500 images)',
      'v2 on the drug-like (ChEMBL) test split: exact accuracy 0.767, MAE 0.300 (300 images)',
      'v2 on the whole test split: exact accuracy 0.800, MAE 0.200 (800 images)',
    ]);
  });

  it('when there is one source, then one line, under its own name when the demo does not know it', () => {
    const report = { ...scores(10, 0.5, 1), by_source: { pubchem: scores(10, 0.5, 1) } };
    expect(summarizeEvaluation('v1', report)).toEqual([
      'v1 on the pubchem test split: exact accuracy 0.500, MAE 1.000 (10 images)',
    ]);
  });
});

describe('readEvaluation', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-evaluation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the file is an evaluation report, then it keeps the scores (and ignores the rest)', () => {
    const file = path.join(dir, 'evaluation.json');
    const report = {
      ...scores(2, 1, 0),
      labels: ['0'],
      by_source: { nci: { ...scores(2, 1, 0), loss: 0.1 } },
    };
    writeFileSync(file, JSON.stringify(report));
    expect(readEvaluation(file)).toEqual({ ...scores(2, 1, 0), by_source: { nci: scores(2, 1, 0) } });
  });

  it('when the file lacks the per-source scores, then the error names the file and the field', () => {
    const file = path.join(dir, 'other.json');
    writeFileSync(file, JSON.stringify(scores(2, 1, 0)));
    expect(() => readEvaluation(file)).toThrow(/other\.json is not an evaluation report[\s\S]*by_source/);
  });
});
