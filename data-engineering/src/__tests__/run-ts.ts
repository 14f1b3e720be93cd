import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a Node child that runs TypeScript `code` (require() paths must be
 * absolute), compiled on load with @swc/core as the tests themselves are;
 * `wrapper` (e.g. strace and its flags) runs node when given.
 */
export function spawnTs(code: string, args: string[] = [], wrapper: string[] = []): ChildProcess {
  const swc = require.resolve('@swc/core');
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require(${JSON.stringify(swc)});
    require.extensions['.ts'] = (module, filename) => {
      const options = { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } };
      module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
    };
    ${code}`;
  const [command, ...rest] = [...wrapper, process.execPath, '-e', bootstrap, '--', ...args];
  return spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a child to exit; its stdout, or an error with its stderr when it failed. */
export function outputOf(child: ChildProcess): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`)),
    ),
  );
}
