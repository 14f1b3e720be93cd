// Renders chart specs to SVG in a child process: vega 6 is ES modules only and
// awaits at the top level, which the CommonJS packages of this repository (and
// jest without --experimental-vm-modules) cannot load; a plain Node process can.
// Reads {"charts": [{"chart", "args"}], "width"} on stdin and writes
// [{"spec", "svg", "warnings"}] on stdout; a failure is one line on stderr and exit 1.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import * as specs from '../specs/index.mjs';

/** @param {{ chart: string, args: unknown[] }} request */
function buildSpec({ chart, args }) {
  const build = Object.hasOwn(specs, chart) ? specs[/** @type {keyof typeof specs} */ (chart)] : undefined;
  if (typeof build !== 'function') {
    throw new Error(`no chart named ${JSON.stringify(chart)}; known: ${Object.keys(specs).join(', ')}`);
  }
  return /** @type {(...a: unknown[]) => Record<string, unknown>} */ (build)(...args);
}

/** A logger that keeps warnings and errors as text (for vega-lite's compile and vega's view). */
function collectingLogger() {
  /** @type {string[]} */
  const lines = [];
  const keep = (/** @type {unknown[]} */ ...parts) => lines.push(parts.map(String).join(' '));
  const logger = { level: () => logger, error: keep, warn: keep, info: () => logger, debug: () => logger };
  return { logger, lines };
}

/**
 * @param {Record<string, unknown>} spec a Vega-Lite spec
 * @param {ReturnType<typeof collectingLogger>['logger']} logger
 */
async function toSvg(spec, logger) {
  const vgSpec = compile(/** @type {never} */ (spec), { logger }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  const { charts, width } = JSON.parse(await readStdin());
  const out = [];
  for (const request of charts) {
    const built = buildSpec(request);
    // 'container' means the page's element; here there is none, so the caller's width
    const spec = built.width === 'container' ? { ...built, width } : built;
    const { logger, lines } = collectingLogger();
    out.push({ spec, svg: await toSvg(spec, logger), warnings: lines });
  }
  process.stdout.write(JSON.stringify(out));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
