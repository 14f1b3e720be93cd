// The abusive client of the admission benchmark, in its own process so its
// sending does not slow the harness that times the well-behaved client. From
// another loopback address, keep-alive connections post batches of large white
// PNGs to /predict/batch/ at a given rate (or slower, when answers take longer),
// for a while; prints a
// JSON line: the answers by kind ("200", "429 pixel budget", "503 OVERLOADED", ...).
import http from 'node:http';
import sharp from 'sharp';
import { z } from 'zod';

const optionsSchema = z.object({
  url: z.url().describe('the API, e.g. http://127.0.0.1:8080'),
  seconds: z.number().positive(),
  connections: z.number().int().positive(),
  rate: z.number().positive().describe('requests per second, all connections together'),
  images: z.number().int().positive().describe('images per batch'),
  side: z.number().int().positive().describe('width and height of each image'),
  localAddress: z.string().describe('the loopback address the client sends from, e.g. 127.0.0.2'),
});
type Options = z.infer<typeof optionsSchema>;

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    details: z.object({ pixels_per_minute: z.number() }).partial().optional(),
  }),
});

function multipartBatch(png: Buffer, images: number): { body: Buffer; contentType: string } {
  const boundary = 'ringsabuseboundary5c2e';
  const parts = Array.from({ length: images }, (_unused, i) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="white-${i}.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    png,
    Buffer.from('\r\n'),
  ]).flat();
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** What kind of answer a response is: its status, and for errors its code (and which limit a 429 is). */
function kindOf(status: number, text: string): string {
  if (status < 400) return String(status);
  let parsed: z.infer<typeof errorBody> | null = null;
  try {
    parsed = errorBody.parse(JSON.parse(text));
  } catch {
    return `${status}`;
  }
  const { code, details } = parsed.error;
  if (code === 'RATE_LIMITED')
    return `${status} ${details?.pixels_per_minute ? 'pixel budget' : 'request limit'}`;
  return `${status} ${code}`;
}

function post(
  agent: http.Agent,
  url: string,
  request: { body: Buffer; contentType: string },
): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/predict/batch/`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': request.contentType, 'content-length': String(request.body.length) },
        timeout: 60_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text = (text + chunk).slice(0, 4096)));
        res.on('end', () => resolve(kindOf(res.statusCode ?? 0, text)));
        res.on('error', () => resolve('connection error'));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve('connection error'));
    req.end(request.body);
  });
}

async function main(): Promise<void> {
  const options: Options = optionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const png = await sharp({
    create: { width: options.side, height: options.side, channels: 3, background: '#ffffff' },
  })
    .png({ palette: true, compressionLevel: 9 }) // about 16 KB, as the attacker sends
    .toBuffer();
  const request = multipartBatch(png, options.images);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.connections,
    localAddress: options.localAddress,
  });
  const answers: Record<string, number> = {};
  const deadline = Date.now() + options.seconds * 1000;
  let slot = Date.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      for (;;) {
        // The connections share one schedule: a request every 1/rate s at most.
        const at = Math.max(slot, Date.now());
        slot = at + 1000 / options.rate;
        if (at >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
        const kind = await post(agent, options.url, request);
        answers[kind] = (answers[kind] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  process.stdout.write(
    `${JSON.stringify({ png_bytes: png.length, body_bytes: request.body.length, answers })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
