import { ConfigError, loadServerConfig } from '../config';

const issuesOf = (env: Record<string, string>): string[] => {
  try {
    loadServerConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).issues;
  }
};

describe('access variables', () => {
  it('when nothing is set, then no tokens and 120 feedback requests per minute', () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({ RATE_LIMIT_FEEDBACK_PER_MINUTE: 120 });
    expect(config.FEEDBACK_TOKEN).toBeUndefined();
    expect(config.OPERATIONS_TOKEN).toBeUndefined();
  });

  it('when a token is set but empty, then it counts as unset', () => {
    const config = loadServerConfig({ FEEDBACK_TOKEN: '', OPERATIONS_TOKEN: '' });
    expect(config.FEEDBACK_TOKEN).toBeUndefined();
    expect(config.OPERATIONS_TOKEN).toBeUndefined();
  });

  it.each([
    ['a token is short', { OPERATIONS_TOKEN: 'short' }, /^OPERATIONS_TOKEN: use at least 16/],
    [
      'a token has a space',
      { FEEDBACK_TOKEN: 'a token with spaces in it' },
      /^FEEDBACK_TOKEN: use printable/,
    ],
    [
      'both a token and its file are set',
      { FEEDBACK_TOKEN: 'x'.repeat(20), FEEDBACK_TOKEN_FILE: '/dev/null' },
      /^FEEDBACK_TOKEN_FILE: set FEEDBACK_TOKEN or FEEDBACK_TOKEN_FILE, not both/,
    ],
    [
      'the file cannot be read',
      { OPERATIONS_TOKEN_FILE: '/no/such/secret' },
      /^OPERATIONS_TOKEN_FILE: cannot read \/no\/such\/secret \(ENOENT\)/,
    ],
  ])('when %s, then start-up stops naming the variable', (_case, env, line) => {
    expect(issuesOf(env)).toEqual([expect.stringMatching(line)]);
  });
});
