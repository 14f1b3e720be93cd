// A deliberately low-level HTTP client: raw bytes on a TCP socket, so tests can
// send what no well-behaved client would (bad framing, huge headers, slow bodies).
import net from 'node:net';

/** What came back: the parsed answer, or how the connection ended without one. */
export interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** ms from connecting to the socket closing. */
  ms: number;
  /** Set when the socket failed (e.g. ECONNRESET) or the client gave up (TIMEOUT). */
  error?: string;
}

/** A request as bytes, optionally sent in pieces with pauses (slow clients). */
export interface RawRequest {
  bytes: Buffer;
  /** Send bytes in pieces of this size, pausing pauseMs between them. */
  trickle?: { pieceBytes: number; pauseMs: number };
  /** Give up (and destroy the socket) after this long. */
  timeoutMs?: number;
}

function parseAnswer(raw: Buffer): Pick<RawAnswer, 'status' | 'headers' | 'body'> {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end < 0 ? raw : raw.subarray(0, end)).toString('latin1');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = end < 0 ? '' : raw.subarray(end + 4).toString('utf8');
  return { status: match ? Number(match[1]) : null, headers, body };
}

/** Send one request on a fresh connection and read until the server closes it. */
export function sendRaw(port: number, request: RawRequest): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let done = false;
    const socket = net.connect({ port, host: '127.0.0.1' });
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...parseAnswer(Buffer.concat(chunks)), ms: Date.now() - started, error });
    };
    const timer = setTimeout(() => {
      error = 'TIMEOUT';
      socket.destroy();
      finish();
    }, request.timeoutMs ?? 30_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      error ??= err.code ?? err.message;
    });
    socket.on('close', finish);
    socket.on('connect', () => void write(socket, request));
  });
}

async function write(socket: net.Socket, request: RawRequest): Promise<void> {
  const { bytes, trickle } = request;
  if (!trickle) {
    socket.write(bytes);
    return;
  }
  for (let at = 0; at < bytes.length && !socket.destroyed; at += trickle.pieceBytes) {
    socket.write(bytes.subarray(at, at + trickle.pieceBytes));
    await new Promise((resolve) => setTimeout(resolve, trickle.pauseMs));
  }
}

/** One multipart part. */
export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

/** A multipart/form-data body (well formed; callers corrupt it on purpose). */
export function multipartBody(parts: Part[], boundary: string): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'latin1'));
    pieces.push(part.body, Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** An HTTP/1.1 request with Connection: close and, unless given, a correct Content-Length. */
export function httpRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const all = { Host: '127.0.0.1', Connection: 'close', ...headers };
  if (body.length > 0 && !Object.keys(all).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) {
    Object.assign(all, { 'Content-Length': String(body.length) });
  }
  const head = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${method} ${target} HTTP/1.1\r\n${head}\r\n`, 'latin1'), body]);
}
