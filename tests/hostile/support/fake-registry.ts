// A real HTTP server standing in for the npm registry's audit endpoint, with
// canned advisories (package name -> advisory), so the audit script's verdicts
// can be checked without the network.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface Advisory {
  id: string;
  severity: 'low' | 'moderate' | 'high' | 'critical';
}

export async function startFakeRegistry(advisories: Record<string, Advisory>) {
  let auditRequests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.includes('/security/advisories/bulk')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      auditRequests += 1;
      const raw = Buffer.concat(chunks);
      const gzip = req.headers['content-encoding'] === 'gzip';
      const asked = JSON.parse((gzip ? gunzipSync(raw) : raw).toString('utf8')) as Record<string, string[]>;
      const answer = Object.fromEntries(
        Object.keys(asked)
          .filter((name) => advisories[name])
          .map((name, i) => [
            name,
            [
              {
                id: 1000 + i,
                url: `https://github.com/advisories/${advisories[name].id}`,
                title: `hostile-suite test advisory for ${name}`,
                severity: advisories[name].severity,
                vulnerable_versions: '<999.0.0',
                cwe: [],
                cvss: { score: 7.5, vectorString: null },
              },
            ],
          ]),
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    auditRequests: () => auditRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
