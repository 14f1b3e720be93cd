// The workspace packages' dependency graph, three ways: as the README's mermaid
// diagram draws it, as the package.json files declare it, and as the code
// imports it. An edge is "from -> to" between workspace folders.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Runtime dependencies (solid arrows) and test-only ones (dotted arrows). */
export interface Graph {
  nodes: string[];
  runtime: string[];
  testOnly: string[];
}

const edge = (from: string, to: string): string => `${from} -> ${to}`;

/**
 * Read a mermaid flowchart whose nodes are labelled with folders:
 * `id["folder"]`, `a --> b` (runtime) and `a -.-> b` (tests only). Any other
 * line is refused, so that a drawing this reader does not understand fails
 * instead of being half read.
 */
export function parseMermaidGraph(block: string): Graph {
  const labels = new Map<string, string>();
  const arrows: { from: string; to: string; dotted: boolean }[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%') || /^flowchart\s+\w+$/.test(line)) continue;
    const node = /^(\w+)\["([^"]+)"\]$/.exec(line);
    const arrow = /^(\w+)\s+(-->|-\.->)\s+(\w+)$/.exec(line);
    if (node) labels.set(node[1], node[2]);
    else if (arrow) arrows.push({ from: arrow[1], to: arrow[3], dotted: arrow[2] === '-.->' });
    else throw new Error(`cannot read this line of the diagram: ${line}`);
  }
  const folder = (id: string): string => {
    const label = labels.get(id);
    if (label === undefined)
      throw new Error(`the diagram's arrow names ${id}, which has no ["folder"] label`);
    return label;
  };
  const edges = (dotted: boolean) =>
    arrows.filter((a) => a.dotted === dotted).map((a) => edge(folder(a.from), folder(a.to)));
  return { nodes: [...labels.values()].sort(), runtime: edges(false).sort(), testOnly: edges(true).sort() };
}

/** The mermaid block that follows `heading` in `markdown`. */
export function mermaidBlockAfter(markdown: string, heading: string): string {
  const start = markdown.split('\n').findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const rest = markdown
    .split('\n')
    .slice(start + 1)
    .join('\n');
  const block = /```mermaid\n([\s\S]*?)```/.exec(rest);
  if (!block) throw new Error(`no mermaid block after "${heading}"`);
  return block[1];
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Each workspace folder of the root package.json, with its package.json. */
export function readWorkspaces(root: string): Map<string, Manifest> {
  const read = (dir: string) =>
    JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as unknown;
  const { workspaces } = read('.') as { workspaces: string[] };
  return new Map(workspaces.map((dir) => [dir, read(dir) as Manifest]));
}

/** The graph the package.json files declare: dependencies and devDependencies on workspace packages. */
export function declaredGraph(workspaces: Map<string, Manifest>): Graph {
  const folderOf = new Map([...workspaces].map(([dir, manifest]) => [manifest.name, dir]));
  const edges = (dir: string, deps: Record<string, string> | undefined) =>
    Object.keys(deps ?? {})
      .filter((name) => folderOf.has(name))
      .map((name) => edge(dir, folderOf.get(name) as string));
  const all = [...workspaces];
  return {
    nodes: [...workspaces.keys()].sort(),
    runtime: all.flatMap(([dir, m]) => edges(dir, m.dependencies)).sort(),
    testOnly: all.flatMap(([dir, m]) => edges(dir, m.devDependencies)).sort(),
  };
}

const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const TEST = /(\.test\.ts$|\/__tests__\/)/;
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm;

/**
 * The graph the code imports: `@rings/<name>` imports, and relative imports
 * that reach into another workspace's folder; an edge is test-only when only
 * tests (`*.test.ts`, `__tests__/`) use it.
 */
export function importedGraph(root: string, workspaces: Map<string, Manifest>): Graph {
  const folderOf = new Map([...workspaces].map(([dir, manifest]) => [manifest.name, dir]));
  const workspaceOf = (file: string) => [...workspaces.keys()].find((dir) => file.startsWith(`${dir}/`));
  const runtime = new Set<string>();
  const tests = new Set<string>();
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', ...workspaces.keys()], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => CODE.test(f) && !f.endsWith('.d.ts'));
  for (const file of files) {
    const from = workspaceOf(file) as string;
    for (const [, specifier] of readFileSync(path.join(root, file), 'utf8').matchAll(SPECIFIER)) {
      const to = specifier.startsWith('.')
        ? workspaceOf(path.relative(root, path.resolve(root, path.dirname(file), specifier)))
        : folderOf.get(/^@rings\/[\w-]+/.exec(specifier)?.[0] ?? '');
      if (to !== undefined && to !== from) (TEST.test(file) ? tests : runtime).add(edge(from, to));
    }
  }
  return {
    nodes: [...workspaces.keys()].sort(),
    runtime: [...runtime].sort(),
    testOnly: [...tests].filter((e) => !runtime.has(e)).sort(),
  };
}
