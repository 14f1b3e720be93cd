// The source molecules live in the repository (data-engineering/sources/), as
// SHA256SUMS records them, and nothing reaches outside the clone for them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const sources = path.join(root, 'data-engineering', 'sources');
const SOURCE_FILES = ['nci-5k.smi', 'chembl-10k.smi', 'pubchem-100k.smi'];

/** file name -> sha256, from `sha256sum` output. */
function recordedSha256(): Map<string, string> {
  const lines = readFileSync(path.join(sources, 'SHA256SUMS'), 'utf8').trim().split('\n');
  return new Map(lines.map((line) => line.split(/\s+\*?/)).map(([hash, name]) => [name, hash]));
}

// Spellings of the folder that used to sit beside the clone, as a path or as path.join parts.
const OUTSIDE_DATA = /shared[\\/]data\b|'shared',\s*'data'|'\.\.',\s*'shared'|\/work\/shared\b/;
const TEXT_FILE =
  /\.(ts|js|cjs|mjs|json|md|sh|ya?ml|ipynb|py|txt|toml|cfg|ini)$|(^|\/)(Dockerfile|\.\w+ignore)$/;

function repositoryTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split('\n')
    .filter((file) => TEXT_FILE.test(file) && file !== 'tests/data-sources.test.ts')
    .filter((file) => existsSync(path.join(root, file)));
}

describe('data sources', () => {
  it('when the folder is listed, then every source file is there with its licence and provenance', () => {
    const present = readdirSync(sources);
    expect(present).toEqual(
      expect.arrayContaining([...SOURCE_FILES, 'SHA256SUMS', 'README.md', 'LICENSE-RDKit.txt']),
    );
    expect(present.filter((name) => name.endsWith('.smi')).sort()).toEqual([...SOURCE_FILES].sort());
    expect(readFileSync(path.join(sources, 'LICENSE-RDKit.txt'), 'utf8')).toMatch(
      /^BSD 3-Clause License\n\nCopyright \(c\) 2006-2015, Rational Discovery LLC/m,
    );
  });

  it.each(SOURCE_FILES)('when %s is hashed, then it matches SHA256SUMS and the README', (name) => {
    const recorded = recordedSha256().get(name);
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
    const actual = createHash('sha256')
      .update(readFileSync(path.join(sources, name)))
      .digest('hex');
    expect(actual).toBe(recorded);
    expect(readFileSync(path.join(sources, 'README.md'), 'utf8')).toContain(`\`${recorded}\``);
  });

  it('when the repository is searched, then no file refers to data outside the clone', () => {
    const files = repositoryTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const offending = files.filter((file) => OUTSIDE_DATA.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });
});
