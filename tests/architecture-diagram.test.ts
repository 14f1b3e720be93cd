// The README's package diagram must be the real dependency graph: the same
// edges as the package.json files declare, which must be the ones the code imports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  declaredGraph,
  importedGraph,
  mermaidBlockAfter,
  parseMermaidGraph,
  readWorkspaces,
} from './support/workspace-graph';

const root = path.resolve(__dirname, '..');
const HEADING = '### Packages and what they depend on';

describe('parseMermaidGraph', () => {
  const block = [
    'flowchart BT',
    '  %% a comment',
    '  api["demo-api"]',
    '  model["packages/ring-model"]',
    '  server["packages/mlflow-server"]',
    '  api --> model',
    '  api -.-> server',
  ].join('\n');

  it('when nodes and arrows are drawn, then it reads folders, runtime and test-only edges', () => {
    expect(parseMermaidGraph(block)).toEqual({
      nodes: ['demo-api', 'packages/mlflow-server', 'packages/ring-model'],
      runtime: ['demo-api -> packages/ring-model'],
      testOnly: ['demo-api -> packages/mlflow-server'],
    });
  });

  it.each([
    ['an arrow with a label', 'api -->|uses| model'],
    ['a node drawn inside an arrow', 'api --> x["packages/x"]'],
    ['a subgraph', 'subgraph libraries'],
  ])('when the diagram holds %s, then it refuses the line rather than half read it', (_, line) => {
    expect(() => parseMermaidGraph(`${block}\n${line}`)).toThrow(/cannot read this line/);
  });

  it('when an arrow names an unlabelled node, then it says which', () => {
    expect(() => parseMermaidGraph(`${block}\n  api --> ghost`)).toThrow(/ghost/);
  });
});

describe('README package diagram', () => {
  const workspaces = readWorkspaces(root);
  const declared = declaredGraph(workspaces);

  it('when the README is read, then its diagram has every workspace and exactly the declared edges', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(parseMermaidGraph(mermaidBlockAfter(readme, HEADING))).toEqual(declared);
  });

  it('when the code is read, then its imports across workspaces are exactly the declared dependencies', () => {
    expect(importedGraph(root, workspaces)).toEqual(declared);
  });

  it('when the graph is built, then it is not empty (the readers found the packages)', () => {
    expect(declared.nodes.length).toBeGreaterThanOrEqual(10);
    expect(declared.runtime).toContain('demo-api -> packages/ring-model');
  });
});
