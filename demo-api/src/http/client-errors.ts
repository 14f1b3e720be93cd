import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ApiErrorCode } from '../errors';
import type { Logger } from '../logger';

/** What Node's HTTP parser reports, and the error code the client gets for it. */
function codeFor(err: NodeJS.ErrnoException): ApiErrorCode {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  return 'BAD_REQUEST';
}

const MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  REQUEST_TIMEOUT: 'the request was not received in time; send it whole, faster',
  HEADERS_TOO_LARGE: 'the request headers are too large',
  BAD_REQUEST: 'the request is not valid HTTP/1.1',
};

/**
 * Answer what Node's HTTP layer refuses before Express sees it (malformed
 * requests, oversized headers, requests too slow to arrive) with the API's JSON
 * error body instead of Node's empty one, then close the connection.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Like Node's own handler: never write into a response that has begun.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const code = codeFor(err);
    logger.warn({ code, parser: err.code }, 'request refused by the HTTP parser');
    const body = JSON.stringify({ error: { code, message: MESSAGES[code] } });
    const status = ERROR_STATUS[code];
    socket.end(
      `HTTP/1.1 ${status} ${code.replace(/_/g, ' ')}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
