// The slim images copy workspace packages one by one: each must carry every
// workspace its program needs at run time (its dependencies, transitively), or
// the container fails on its first require.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { declaredGraph, readWorkspaces } from './support/workspace-graph';

const root = path.resolve(__dirname, '..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const graph = declaredGraph(readWorkspaces(root));
const runtime = graph.runtime.map((e) => e.split(' -> '));

/** The workspace and every workspace it depends on at run time, directly or not. */
function runtimeClosure(workspace: string): string[] {
  const seen = new Set([workspace]);
  for (const dir of seen) for (const [from, to] of runtime) if (from === dir) seen.add(to);
  return [...seen].sort();
}

function stageBody(stage: string): string {
  const body = dockerfile
    .split(/^FROM /m)
    .find((part) => part.split('\n', 1)[0].trim().endsWith(` AS ${stage}`));
  if (body === undefined) throw new Error(`the Dockerfile has no stage ${stage}`);
  return body;
}

/** The folders whose package.json and dist the stage copies from the build stage. */
function copiedWorkspaces(stage: string): { manifests: string[]; dists: string[] } {
  const copies = [...stageBody(stage).matchAll(/^COPY --from=build \/app\/(\S+)\/(package\.json|dist) /gm)];
  const copied = (what: string) =>
    copies
      .filter((m) => m[2] === what)
      .map((m) => m[1])
      .sort();
  return { manifests: copied('package.json'), dists: copied('dist') };
}

describe('Dockerfile runtime images', () => {
  it('when npm ci runs in the image, then every workspace package.json is there', () => {
    const copied = [...stageBody('toolchain').matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map(
      (m) => m[1],
    );
    expect(copied.sort()).toEqual(graph.nodes);
  });

  it.each([
    ['demo-api', 'demo-api'],
    ['ingest', 'data-engineering'],
  ])('when the %s image is built, then it carries %s and every workspace it needs', (stage, workspace) => {
    const needed = runtimeClosure(workspace);
    expect(needed.length).toBeGreaterThan(1);
    const { manifests, dists } = copiedWorkspaces(stage);
    expect(manifests).toEqual(expect.arrayContaining(needed));
    expect(dists).toEqual(expect.arrayContaining(needed));
  });
});
