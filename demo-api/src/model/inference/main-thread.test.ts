import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../../dist');

/** The tfjs modules a fresh node process has loaded after requiring `modules` (built code). */
function tfjsModulesAfter(modules: string[]): number {
  const script = `
    for (const m of ${JSON.stringify(modules)}) require(m);
    console.log(Object.keys(require.cache).filter((k) => k.includes('@tensorflow')).length);`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

describe("the API's main thread", () => {
  beforeAll(() => {
    if (!existsSync(path.join(DIST, 'server.js'))) throw new Error(`build first: no ${DIST}/server.js`);
  });

  it('when the server and everything main.ts imports are loaded, then no TensorFlow module is (models live in the inference thread)', () => {
    const entry = ['config.js', 'logger.js', 'server.js'].map((f) => path.join(DIST, f));
    expect(tfjsModulesAfter(entry)).toBe(0);
  });

  it('when ring-model itself is loaded, then TensorFlow is (the check above can fail)', () => {
    const ringModel = path.resolve(DIST, '../../packages/ring-model/dist/index.js');
    expect(tfjsModulesAfter([ringModel])).toBeGreaterThan(0);
  });
});
