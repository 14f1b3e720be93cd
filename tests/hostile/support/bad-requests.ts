// Generators of bad requests for the API fuzz. Each case is raw bytes (so the
// framing itself can be wrong) plus what a correct server may answer.
import {
  flipBytes,
  IMAGE_FORMATS,
  jpegClaiming,
  pngClaiming,
  truncate,
  webpClaiming,
  type ImageFormat,
} from './images';
import type { Random } from './random';
import { httpRequest, multipartBody, type Part, type RawRequest } from './raw-http';

export interface BadRequestCase {
  kind: string;
  request: RawRequest;
  /** A bit-flipped image may still decode: then 200 is a fair answer. Otherwise only 4xx. */
  mayPredict: boolean;
}

/** Limits of the server under test, so cases can aim just past them. */
export interface FuzzLimits {
  maxUploadBytes: number;
  maxBatchImages: number;
  requestTimeoutMs: number;
}

type Generate = (ctx: Context) => Omit<BadRequestCase, 'kind'>;

interface Context {
  random: Random;
  images: Record<ImageFormat, Buffer[]>;
  limits: FuzzLimits;
}

const PREDICT = ['/predict/', '/predict'];
const BATCH = ['/predict/batch/', '/predict/batch'];

function boundaryOf(random: Random): string {
  return `----hostile${random.int(0, 1e9)}`;
}

/** POST one multipart body to a prediction route, with the file in the right field. */
function upload(ctx: Context, file: Buffer, extra: Part[] = [], mayPredict = false) {
  const batch = ctx.random.chance(0.3);
  const boundary = boundaryOf(ctx.random);
  const parts = [{ name: batch ? 'images' : 'image', filename: 'x.png', body: file }, ...extra];
  const body = multipartBody(ctx.random.chance(0.5) ? parts : parts.reverse(), boundary);
  const path = ctx.random.pick(batch ? BATCH : PREDICT);
  const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
  return { request: { bytes: httpRequest('POST', path, headers, body) }, mayPredict };
}

const someImage = (ctx: Context) => ctx.random.pick(ctx.images[ctx.random.pick(IMAGE_FORMATS)]);

/** The kinds of bad request, with how often each is drawn. */
const GENERATORS: readonly (readonly [number, string, Generate])[] = [
  [10, 'random bytes', (ctx) => upload(ctx, ctx.random.bytes(ctx.random.int(1, 4096)))],
  [12, 'truncated image', (ctx) => upload(ctx, truncate(someImage(ctx), ctx.random))],
  [12, 'bit-flipped image', (ctx) => upload(ctx, flipBytes(someImage(ctx), ctx.random), [], true)],
  [4, 'gif image', (ctx) => upload(ctx, ctx.random.pick(ctx.images.gif))],
  [
    6,
    'png claiming absurd dimensions',
    (ctx) => {
      const side = () => ctx.random.pick([0, 1, 65_535, 100_000, 2 ** 31 - 1, 2 ** 32 - 1]);
      return upload(ctx, pngClaiming(side(), side()));
    },
  ],
  [
    4,
    'jpeg claiming absurd dimensions',
    (ctx) => {
      const [width, height] = [0, 0].map(() => ctx.random.pick([0, 1, 30_000, 65_535]));
      // A claim within the pixel limit is a (strange) image the decoder may well read.
      const plausible = width * height > 0 && width * height <= 4096 * 4096;
      return upload(ctx, jpegClaiming(ctx.random.pick(ctx.images.jpeg), width, height), [], plausible);
    },
  ],
  [
    4,
    'webp claiming absurd dimensions',
    (ctx) => upload(ctx, webpClaiming(ctx.random.int(5000, 2 ** 24), ctx.random.int(5000, 2 ** 24))),
  ],
  [4, 'zero-byte file', (ctx) => upload(ctx, Buffer.alloc(0))],
  [
    5,
    'wrong file field',
    (ctx) => {
      const boundary = boundaryOf(ctx.random);
      const name = ctx.random.pick(['file', 'img', 'image[]', '', 'images ', '../image']);
      const body = multipartBody([{ name, filename: 'a.png', body: someImage(ctx) }], boundary);
      const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
      return {
        request: { bytes: httpRequest('POST', ctx.random.pick(PREDICT), headers, body) },
        mayPredict: false,
      };
    },
  ],
  [
    4,
    'extra fields beside a bad image',
    (ctx) => {
      const extra = Array.from({ length: ctx.random.int(1, 14) }, (_, i) => ({
        name: `field${i}`,
        body: ctx.random.bytes(ctx.random.int(0, 200)),
      }));
      return upload(ctx, truncate(ctx.images.png[0], ctx.random), extra);
    },
  ],
  [
    4,
    'too many files',
    (ctx) => {
      const boundary = boundaryOf(ctx.random);
      const batch = ctx.random.chance(0.5);
      const count = batch ? ctx.limits.maxBatchImages + ctx.random.int(1, 20) : ctx.random.int(2, 40);
      const parts = Array.from({ length: count }, () => ({
        name: batch ? 'images' : 'image',
        filename: 'a.png',
        body: ctx.images.png[0],
      }));
      const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
      const path = ctx.random.pick(batch ? BATCH : PREDICT);
      return {
        request: { bytes: httpRequest('POST', path, headers, multipartBody(parts, boundary)) },
        mayPredict: false,
      };
    },
  ],
  [
    3,
    'file over the upload limit',
    (ctx) => {
      const big = Buffer.concat([ctx.images.png[2], ctx.random.bytes(ctx.limits.maxUploadBytes)]);
      return upload(ctx, big);
    },
  ],
  [
    3,
    'JSON body over the limit',
    (ctx) => {
      const body = Buffer.from(
        JSON.stringify({ request_id: 'x', num_rings: 1, pad: 'a'.repeat(70_000 + ctx.random.int(0, 1e5)) }),
      );
      const headers = { 'Content-Type': 'application/json' };
      return { request: { bytes: httpRequest('POST', '/feedback/', headers, body) }, mayPredict: false };
    },
  ],
  [
    6,
    'malformed multipart',
    (ctx) => {
      const boundary = boundaryOf(ctx.random);
      const good = multipartBody([{ name: 'image', filename: 'a.png', body: ctx.images.png[0] }], boundary);
      const variants: [string, Buffer][] = [
        ['multipart/form-data', good], // no boundary parameter
        [`multipart/form-data; boundary=${boundary}x`, good], // another boundary
        [`multipart/form-data; boundary=${boundary}`, good.subarray(0, ctx.random.int(1, good.length - 8))],
        [`multipart/form-data; boundary=${boundary}`, ctx.random.bytes(ctx.random.int(1, 2000))],
        [`multipart/form-data; boundary=${'b'.repeat(300)}`, good],
        [`multipart/form-data; boundary=""`, good],
        [
          `multipart/form-data; boundary=${boundary}`,
          Buffer.from(good.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'),
        ],
      ];
      const [type, body] = ctx.random.pick(variants);
      const path = ctx.random.pick([...PREDICT, ...BATCH]);
      return {
        request: { bytes: httpRequest('POST', path, { 'Content-Type': type }, body) },
        mayPredict: false,
      };
    },
  ],
  [
    4,
    'wrong content type',
    (ctx) => {
      const type = ctx.random.pick([
        'application/json',
        'text/plain',
        'image/png',
        'application/x-www-form-urlencoded',
        '',
      ]);
      const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
      const path = ctx.random.pick([...PREDICT, ...BATCH]);
      return { request: { bytes: httpRequest('POST', path, headers, someImage(ctx)) }, mayPredict: false };
    },
  ],
  [
    6,
    'wrong method',
    (ctx) => {
      const method = ctx.random.pick(['PUT', 'DELETE', 'PATCH', 'GET', 'POST']);
      const path = ctx.random.pick(
        method === 'GET'
          ? ['/predict/', '/predict/batch/', '/feedback/', '/nope', '/models/v1/x', '/%2e%2e/etc/passwd']
          : ['/models/', '/deployed_version/', '/healthz', '/readyz', '/metrics', '/monitoring/', '/'],
      );
      return { request: { bytes: httpRequest(method, path, {}) }, mayPredict: false };
    },
  ],
  [
    3,
    'unknown method or broken request line',
    (ctx) => {
      const line = ctx.random.pick([
        'FOO / HTTP/1.1',
        'GET',
        'GET /predict/ HTTP/9.9',
        'G\u0000T / HTTP/1.1',
        `GET /${'a'.repeat(ctx.random.int(1, 3))} HTTP/1.1 extra`,
      ]);
      return {
        request: { bytes: Buffer.from(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1') },
        mayPredict: false,
      };
    },
  ],
  [
    3,
    'huge headers',
    (ctx) => {
      const headers = { 'X-Junk': 'j'.repeat(ctx.random.int(17_000, 80_000)) };
      return { request: { bytes: httpRequest('GET', '/healthz', headers) }, mayPredict: false };
    },
  ],
  [
    2,
    'broken chunked encoding',
    (ctx) => {
      const boundary = boundaryOf(ctx.random);
      const headers = {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Transfer-Encoding': 'chunked',
      };
      const body = Buffer.from(
        ctx.random.pick(['zz\r\nabc\r\n0\r\n\r\n', '5\r\nabc\r\n0\r\n\r\n', 'ffffffffffffffff\r\nx\r\n']),
      );
      return { request: { bytes: httpRequest('POST', '/predict/', headers, body) }, mayPredict: false };
    },
  ],
  [
    5,
    'bad feedback JSON',
    (ctx) => {
      const body = ctx.random.pick([
        '{"request_id": ',
        '[]',
        'null',
        '{"request_id": 5, "num_rings": "three"}',
        '{"request_id": "no-such-id", "num_rings": 2}',
        '{"request_id": "x", "num_rings": -1}',
        '{"__proto__": {"polluted": true}, "request_id": "x", "num_rings": 1}',
        ctx.random.bytes(64).toString('latin1'),
      ]);
      const headers = { 'Content-Type': 'application/json' };
      return {
        request: { bytes: httpRequest('POST', '/feedback/', headers, Buffer.from(body, 'latin1')) },
        mayPredict: false,
      };
    },
  ],
  [
    4,
    'hostile version name',
    (ctx) => {
      const name = ctx.random.pick([
        '..%2f..%2fetc%2fpasswd',
        '%2e%2e',
        '.hidden',
        'v1%00',
        'v1;rm%20-rf',
        '%24(touch%20x)',
        'v%E2%80%AE1',
        'v1%0d%0aSet-Cookie:%20a=b',
        'a'.repeat(65),
        '%ff%fe',
      ]);
      return { request: { bytes: httpRequest('GET', `/models/${name}`, {}) }, mayPredict: false };
    },
  ],
];

/** Draw one bad request. */
export function drawBadRequest(ctx: Context): BadRequestCase {
  const [kind, generate] = ctx.random.weighted(GENERATORS.map(([w, k, g]) => [w, [k, g] as const]));
  return { kind, ...generate(ctx) };
}

/** A slow client: complete headers, then a body trickling in far slower than the server allows. */
export function slowBody(ctx: Context): BadRequestCase {
  const boundary = boundaryOf(ctx.random);
  const body = multipartBody([{ name: 'image', filename: 'a.png', body: ctx.images.png[1] }], boundary);
  const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
  return {
    kind: 'slow body',
    request: {
      bytes: httpRequest('POST', '/predict/', headers, body),
      trickle: { pieceBytes: 8, pauseMs: 400 },
      timeoutMs: ctx.limits.requestTimeoutMs + 15_000,
    },
    mayPredict: false,
  };
}

/** A slow client that never finishes its headers (slowloris). */
export function slowHeaders(ctx: Context): BadRequestCase {
  const bytes = Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(200)}\r\n`);
  return {
    kind: 'slow headers',
    request: {
      bytes,
      trickle: { pieceBytes: 4, pauseMs: 400 },
      timeoutMs: ctx.limits.requestTimeoutMs + 15_000,
    },
    mayPredict: false,
  };
}

export type { Context as FuzzContext };
