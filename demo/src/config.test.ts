import { DemoConfigError, demoHelp, readDemoConfig } from './config';

describe('readDemoConfig', () => {
  it('when nothing is set, then v1 trains its small recipe and v2 the longer one on the ChEMBL batch', () => {
    const config = readDemoConfig({}, []);
    expect(config.recipes.v1).toEqual({ arch: 'v1', epochs: 3, imageSize: 64, augment: true });
    expect(config.recipes.v2.epochs).toBeGreaterThan(config.recipes.v1.epochs);
    expect(config.chemblRecords).toBeGreaterThanOrEqual(1000);
    expect(config.serve).toBe(false);
  });

  it.each([
    [{ RING_DEMO_EPOCHS: '1', RING_DEMO_IMAGE_SIZE: '32' }, { v1: [1, 32] }],
    [{ RING_DEMO_V2_EPOCHS: '2', RING_DEMO_V2_IMAGE_SIZE: '48' }, { v2: [2, 48] }],
  ])('when %j is set, then only that version follows it', (env, expected) => {
    const { recipes } = readDemoConfig(env, []);
    const other = readDemoConfig({}, []).recipes;
    for (const version of ['v1', 'v2'] as const) {
      const want = expected[version as keyof typeof expected];
      const got = [recipes[version].epochs, recipes[version].imageSize];
      expect(got).toEqual(want ?? [other[version].epochs, other[version].imageSize]);
    }
  });

  it('when RING_DEMO_CHEMBL_RECORDS is set, then the batch has that many molecules', () => {
    expect(readDemoConfig({ RING_DEMO_CHEMBL_RECORDS: '500' }, []).chemblRecords).toBe(500);
  });

  it('when settings are out of range, then the error names each variable', () => {
    const env = {
      RING_DEMO_V2_EPOCHS: '0',
      RING_DEMO_CHEMBL_RECORDS: '20000',
      RING_DEMO_V2_IMAGE_SIZE: 'big',
    };
    expect(() => readDemoConfig(env, [])).toThrow(DemoConfigError);
    const message = (() => {
      try {
        readDemoConfig(env, []);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of Object.keys(env)) expect(message).toContain(name);
  });

  it('when a flag is unknown, then it is refused; --serve keeps the services up', () => {
    expect(() => readDemoConfig({}, ['--fast'])).toThrow(/unknown flag --fast/);
    expect(readDemoConfig({}, ['--serve']).serve).toBe(true);
  });
});

describe('demoHelp', () => {
  it('lists every setting, the per-version ones included', () => {
    const described = demoHelp()
      .split('\n')
      .map((line) => /^ {2}([A-Z_0-9]+) +\S/.exec(line)?.[1])
      .filter(Boolean);
    expect(described).toEqual(expect.arrayContaining(['RING_DEMO_EPOCHS', 'RING_DEMO_V2_EPOCHS']));
    expect(described).toEqual(
      expect.arrayContaining(['RING_DEMO_V2_IMAGE_SIZE', 'RING_DEMO_CHEMBL_RECORDS']),
    );
  });
});
