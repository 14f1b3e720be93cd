// A real HTTP server standing in for a sick MLflow: healthy on /health but
// answering 503 to the API, or accepting connections and never answering.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Sickness = 'api-503' | 'api-stall' | 'stall-all';

export interface FakeMlflow {
  uri: string;
  /** Requests received per "METHOD path". */
  hits: Record<string, number>;
  close(): Promise<void>;
}

function answer(sickness: Sickness, req: IncomingMessage, res: ServerResponse): void {
  const health = req.url?.startsWith('/health') ?? false;
  if (sickness === 'stall-all' || (sickness === 'api-stall' && !health)) return; // never answer
  if (health) {
    res.end('OK');
    return;
  }
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'database is down' }));
}

/** Start a sick MLflow on 127.0.0.1 and a free port. */
export async function startFakeMlflow(sickness: Sickness): Promise<FakeMlflow> {
  const hits: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const key = `${req.method} ${req.url?.split('?')[0]}`;
    hits[key] = (hits[key] ?? 0) + 1;
    req.resume();
    answer(sickness, req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
