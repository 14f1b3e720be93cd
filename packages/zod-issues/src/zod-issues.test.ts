import { z } from 'zod';
import { formatZodIssues, zodIssueLines, type IssueLike, type IssueLineOptions } from './zod-issues';

const nested: IssueLike = { path: ['training', 'epochs', 0], message: 'Too small' };
const whole: IssueLike = { path: [], message: 'Expected object' };

describe('zodIssueLines', () => {
  it.each<[string, IssueLike[], IssueLineOptions, string[]]>([
    ['a nested path joined by dots', [nested], {}, ['training.epochs.0: Too small']],
    ['the whole value', [whole], {}, ['(root): Expected object']],
    ['its own name for the whole value', [whole], { root: '(body)' }, ['(body): Expected object']],
    ['a flag prefix', [{ path: ['out'], message: 'Required' }], { prefix: '--' }, ['--out: Required']],
    ['an indent', [nested], { indent: '  ' }, ['  training.epochs.0: Too small']],
    [
      'one line per issue, in order',
      [nested, whole],
      {},
      ['training.epochs.0: Too small', '(root): Expected object'],
    ],
    ['no issues, no lines', [], {}, []],
  ])('%s', (_, issues, options, expected) => {
    expect(zodIssueLines(issues, options)).toEqual(expected);
  });

  it('reads the issues of a real zod error', () => {
    const parsed = z.object({ port: z.number().int() }).safeParse({ port: 'x' });
    if (parsed.success) throw new Error('a string port must not parse');
    expect(zodIssueLines(parsed.error.issues)).toEqual([expect.stringMatching(/^port: .*number/)]);
  });
});

describe('formatZodIssues', () => {
  it('indents each line by two spaces and joins them by newlines', () => {
    expect(formatZodIssues([nested, whole])).toBe(
      '  training.epochs.0: Too small\n  (root): Expected object',
    );
  });

  it('takes another indent', () => {
    expect(formatZodIssues([nested], { indent: '' })).toBe('training.epochs.0: Too small');
  });
});
