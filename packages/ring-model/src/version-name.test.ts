import { assertVersionName, InvalidVersionNameError, registryVersionNumber } from './version-name';

describe('assertVersionName', () => {
  it.each(['v1', 'v2', 'V10', '2024.06.01', 'candidate_3', 'a', 'x'.repeat(64)])(
    'when %p, then accepted',
    (name) => {
      expect(() => assertVersionName(name)).not.toThrow();
    },
  );

  it.each([
    '',
    '..',
    '../v1',
    'v1/../../etc',
    '/abs',
    '.hidden',
    '-rf',
    'v1;rm -rf /',
    '$(whoami)',
    '`id`',
    'v1 v2',
    'v1\n',
    'ｖ1', // full-width v
    'v1\u202e',
    'x'.repeat(65),
    42,
    null,
  ])('when %p, then refused with a clear message', (name) => {
    expect(() => assertVersionName(name)).toThrow(InvalidVersionNameError);
    expect(() => assertVersionName(name)).toThrow(/letters, digits/);
  });
});

describe('registryVersionNumber', () => {
  it('when the name is vN, then N; otherwise undefined', () => {
    expect(registryVersionNumber('v12')).toBe(12);
    expect(registryVersionNumber('candidate')).toBeUndefined();
    expect(registryVersionNumber('v1.2')).toBeUndefined();
  });
});
