// runProcess and waitUntilReady against real child processes and a real HTTP server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChildProcessError } from './child-process-error';
import { runProcess } from './run-process';
import { startProcess } from './start-process';
import { answersOk, waitUntilReady } from './wait-until-ready';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], name: 'the script' });

describe('runProcess', () => {
  it('when the command succeeds, then it resolves with its stdout', async () => {
    await expect(runProcess(node("console.log('done')"))).resolves.toBe('done\n');
  });

  it('when the command fails, then FAILED names it, its exit code and its last output', async () => {
    const failing = runProcess(node("console.error('disk full'); process.exit(3)"));
    await expect(failing).rejects.toMatchObject({
      code: 'FAILED',
      message: expect.stringMatching(/exited with code 3:\ndisk full$/),
    });
  });

  it('when the command does not exist, then START_FAILED says it could not start', async () => {
    const missing = runProcess({ command: '/nonexistent/tool' });
    await expect(missing).rejects.toMatchObject({
      code: 'START_FAILED',
      message: expect.stringMatching(/tool could not start/),
    });
  });

  it('when it runs past its time limit, then it is stopped and FAILED says by which signal', async () => {
    const slow = runProcess({ ...node('setInterval(() => {}, 1000)'), timeoutMs: 200 });
    await expect(slow).rejects.toMatchObject({
      code: 'FAILED',
      message: expect.stringMatching(/stopped by SIGTERM/),
    });
  });
});

describe('runProcess with input', () => {
  const echoLength =
    "let n = 0; process.stdin.on('data', (d) => (n += d.length)).on('end', () => console.log(n))";

  it('when input is given, then the child reads it on stdin to its end', async () => {
    const echo = node('process.stdin.pipe(process.stdout)');
    await expect(runProcess({ ...echo, input: 'first\nsecond' })).resolves.toBe('first\nsecond');
  });

  it('when the input is larger than a pipe holds, then all of it arrives', async () => {
    const input = Buffer.alloc(3 * 1024 * 1024, 'x');
    await expect(runProcess({ ...node(echoLength), input })).resolves.toBe(`${input.length}\n`);
  });

  it('when no input is given, then stdin is empty', async () => {
    await expect(runProcess(node(echoLength))).resolves.toBe('0\n');
  });

  it('when the child exits without reading its input, then its exit status decides, not the broken pipe', async () => {
    const input = Buffer.alloc(3 * 1024 * 1024, 'x');
    await expect(runProcess({ ...node('process.exit(0)'), input })).resolves.toBe('');
    await expect(runProcess({ ...node('process.exit(2)'), input })).rejects.toMatchObject({ code: 'FAILED' });
  });

  it('when a character is split between two writes, then stdout holds it whole', async () => {
    const [first, second] = [...Buffer.from('é')];
    const split = `process.stdout.write(Buffer.from([${first}])); setTimeout(() => process.stdout.write(Buffer.from([${second}])), 100)`;
    await expect(runProcess(node(split))).resolves.toBe('é');
  });
});

describe('waitUntilReady', () => {
  it('when a server starts answering, then it resolves', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await expect(
        waitUntilReady(() => answersOk(url), { what: 'the server', timeoutMs: 5000 }),
      ).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('when the child ends first, then EXITED_EARLY says so with its last output', async () => {
    const child = startProcess(node("console.error('port in use'); process.exit(1)"));
    const wait = waitUntilReady(async () => false, { what: 'the server', timeoutMs: 10_000, process: child });
    await expect(wait).rejects.toThrow(ChildProcessError);
    await expect(wait).rejects.toMatchObject({
      code: 'EXITED_EARLY',
      message: 'the script exited with code 1 before the server was ready:\nport in use',
    });
  });

  it('when it is never ready, then NOT_READY comes after the time allowed', async () => {
    const wait = waitUntilReady(async () => false, { what: 'the server', timeoutMs: 300, intervalMs: 50 });
    await expect(wait).rejects.toMatchObject({
      code: 'NOT_READY',
      message: 'the server was not ready within 300 ms',
    });
  });
});
