import { sampleResults } from './__fixtures__/results';
import { InvalidResultsError, parseResults, type Results } from './results';

describe('parseResults', () => {
  it('when a results file round-trips through JSON, then it parses to the same value', () => {
    const results = sampleResults();
    expect(parseResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it('when optional fields are left out, then their defaults are filled in', () => {
    const results = sampleResults();
    const bare = { ...results.benchmarks[1] } as Record<string, unknown>;
    delete bare.error;
    delete bare.figures;
    delete bare.notes;
    const parsed = parseResults({ ...results, benchmarks: [bare] });
    expect(parsed.benchmarks[0]).toMatchObject({ error: null, figures: [], notes: [] });
  });

  it.each([
    [
      'a figure without a unit',
      (r: Results) => Reflect.deleteProperty(r.benchmarks[0].figures[0], 'unit'),
      'benchmarks.0.figures.0.unit',
    ],
    [
      'an unknown benchmark',
      (r: Results) => Object.assign(r.benchmarks[0], { name: 'deploy' }),
      'benchmarks.0.name',
    ],
    ['a wrong schema version', (r: Results) => Object.assign(r, { schema_version: 2 }), 'schema_version'],
    [
      'a figure id with spaces',
      (r: Results) => Object.assign(r.benchmarks[0].figures[0], { id: 'a b' }),
      'benchmarks.0.figures.0.id',
    ],
    ['no machine facts', (r: Results) => Reflect.deleteProperty(r.machine, 'cpu_model'), 'machine.cpu_model'],
  ])('when %s, then InvalidResultsError naming the path', (_name, mutate, where) => {
    const value = sampleResults();
    mutate(value);
    expect(() => parseResults(value, 'x.json')).toThrow(InvalidResultsError);
    expect(() => parseResults(value, 'x.json')).toThrow(where);
  });
});
