// The README's commands must exist: npm scripts, files, and every flag shown
// must be one the command's --help documents. Needs the build (npm test builds).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** Every line of every ```bash block. */
const commands = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1].split('\n'))
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter(Boolean);

/** How to print the --help of what a README command runs. */
const helpOf: Record<string, string[]> = {
  ingest: ['node', 'data-engineering/dist/cli.js', 'ingest', '--help'],
  'build-raw-data': ['node', 'data-engineering/dist/cli.js', 'build-raw-data', '--help'],
  'ring-kinds': ['node', 'data-engineering/dist/cli.js', 'ring-kinds', '--help'],
  train: ['node', 'data-science/dist/cli.js', 'train', '--help'],
  retrain: ['node', 'data-science/dist/retrain/retrain-cli.js', '--help'],
  mlflow: ['node', 'packages/mlflow-server/dist/cli.js', 'start', '--help'],
  demo: ['node', 'demo/dist/main.js', '--help'],
  './update-models.sh': ['./update-models.sh', '--help'],
};

function help(key: string): string {
  const [cmd, ...args] = helpOf[key];
  return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('README commands', () => {
  // A wrong path or subcommand still prints some help (the parent CLI's), so
  // each entry must print its own command's usage, whether the README uses it today or not.
  it.each(Object.keys(helpOf))('when the help of %s is asked for, then its own usage is printed', (key) => {
    const text = help(key);
    const usage = text.split('\n').find((line) => /^usage: /i.test(line)) ?? '';
    expect(usage.split(/\s+/)).toContain(path.basename(key, '.sh'));
    expect(text).not.toMatch(/^Commands:/m);
  });

  it('when the README is read, then it starts with the demo and test commands', () => {
    expect(commands.slice(0, 2)).toEqual(['npm run demo', 'npm test']);
  });

  const npmRuns = commands.filter((c) => c.startsWith('npm run '));
  it.each(npmRuns)('when it says `%s`, then that npm script exists', (command) => {
    expect(scripts).toHaveProperty(command.split(/\s+/)[2]);
  });

  const withFlags = commands.filter(
    (c) => / --[a-z]/.test(c) && (c.startsWith('npm run ') || c.startsWith('./')),
  );
  it.each(withFlags)('when it says `%s`, then every flag is in the command --help', (command) => {
    const words = command.split(/\s+/);
    const key = words[0] === 'npm' ? words[2] : words[0];
    expect(helpOf).toHaveProperty([key]);
    const text = help(key);
    for (const flag of words.filter((w) => /^--[a-z]/.test(w))) expect(text).toContain(flag);
  });

  const files = commands.flatMap((c) =>
    [...c.matchAll(/(?:^|[\s@])(\.\/[\w.-]+|raw-data\/[\w./-]+|data-engineering\/sources\/[\w./-]+)/g)].map(
      (m) => m[1],
    ),
  );
  it.each([...new Set(files)])('when it names %s, then that file exists', (file) => {
    expect(() => accessSync(path.join(root, file), constants.R_OK)).not.toThrow();
  });
});
