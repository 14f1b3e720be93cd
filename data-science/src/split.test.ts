import { seededHash, splitRecords, type SplittableRecord } from './split';

function records(perClass: number[], source = 'nci'): SplittableRecord[] {
  return perClass.flatMap((count, rings) =>
    Array.from({ length: count }, (_, i) => ({
      source,
      compoundId: `${source}-${rings}-${i}`,
      numRings: rings,
    })),
  );
}

const options = { splitSeed: 7, validationFraction: 0.1, testFraction: 0.2, numClasses: 4 };

describe('splitRecords', () => {
  it('when the records come in another order, then every record lands in the same split', () => {
    const all = records([50, 40, 30, 20]);
    const a = splitRecords(all, options);
    const b = splitRecords([...all].reverse(), options);
    for (const name of ['train', 'validation', 'test'] as const) {
      expect(b[name].map((r) => r.compoundId).sort()).toEqual(a[name].map((r) => r.compoundId).sort());
    }
  });

  it.each([
    { perClass: [50, 40, 30, 20], test: [10, 8, 6, 4], validation: [5, 4, 3, 2] },
    { perClass: [10, 3, 1, 0], test: [2, 1, 0, 0], validation: [1, 0, 0, 0] },
  ])('when classes have $perClass records, then each split keeps the class shares', (c) => {
    const split = splitRecords(records(c.perClass), options);
    const perClass = (rs: SplittableRecord[]) =>
      [0, 1, 2, 3].map((k) => rs.filter((r) => r.numRings === k).length);
    expect(perClass(split.test)).toEqual(c.test);
    expect(perClass(split.validation)).toEqual(c.validation);
    expect(split.train.length + split.validation.length + split.test.length).toBe(
      c.perClass.reduce((a, b) => a + b, 0),
    );
  });

  it('when counts reach the last class, then they are stratified together (K-1 or more)', () => {
    const many = [
      ...records([0, 0, 0, 10]),
      ...records([0, 0, 0, 0, 0, 10]).map((r) => ({ ...r, compoundId: `x${r.compoundId}` })),
    ];
    expect(splitRecords(many, options).test).toHaveLength(4);
  });

  it('when there are two sources, then each source is split on its own', () => {
    const split = splitRecords([...records([20, 20], 'nci'), ...records([10, 10], 'chembl')], options);
    expect(split.test.filter((r) => r.source === 'nci')).toHaveLength(8);
    expect(split.test.filter((r) => r.source === 'chembl')).toHaveLength(4);
  });

  it('when the seed changes, then the test split changes', () => {
    const all = records([100]);
    const ids = (seed: number) =>
      splitRecords(all, { ...options, splitSeed: seed }).test.map((r) => r.compoundId);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(2)).not.toEqual(ids(1));
  });

  it('when hashing, then the value is a stable 48-bit integer that depends on the seed', () => {
    expect(seededHash(1, 'NSC1')).toBe(seededHash(1, 'NSC1'));
    expect(seededHash(2, 'NSC1')).not.toBe(seededHash(1, 'NSC1'));
    expect(Number.isSafeInteger(seededHash(1, 'x'))).toBe(true);
  });
});

describe('splitRecords across names', () => {
  it('when a source is renamed, then its split stays the same', () => {
    const opts = { splitSeed: 3, validationFraction: 0.1, testFraction: 0.2, numClasses: 4 };
    const named = (source: string) => records([30, 30]).map((r) => ({ ...r, source }));
    const test = (source: string) => splitRecords(named(source), opts).test.map((r) => r.compoundId);
    expect(test('data')).toEqual(test('nci'));
  });
});
