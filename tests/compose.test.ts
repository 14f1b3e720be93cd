// The docker compose path cannot run here (no Docker engine), so validate it:
// the compose file with Debian's docker-compose, the Dockerfiles by structure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');

interface Service {
  image?: string;
  build?: { dockerfile: string };
  ports?: (string | { published: string | number; target: number })[];
  volumes?: (string | { source: string; target: string })[];
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

function composeConfig(): { services: Record<string, Service> } {
  const out = execFileSync('docker-compose', ['-f', path.join(root, 'docker-compose.yml'), 'config'], {
    cwd: root,
    encoding: 'utf8',
  });
  return parse(out) as { services: Record<string, Service> };
}

function stages(dockerfile: string): { from: string; lines: string[] }[] {
  const text = readFileSync(path.join(root, dockerfile), 'utf8');
  const result: { from: string; lines: string[] }[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else if (line && !line.startsWith('#') && result.length) result[result.length - 1].lines.push(line);
  }
  return result;
}

describe('docker-compose.yml', () => {
  const config = composeConfig();
  const services = config.services;

  it('when validated by docker-compose, then it has the four services', () => {
    expect(Object.keys(services).sort()).toEqual(['data-science', 'demo-api', 'mlflow', 'postgres']);
  });

  it.each(['postgres', 'mlflow', 'data-science', 'demo-api'])(
    'when %s is defined, then it has a healthcheck and a pinned image',
    (name) => {
      const service = services[name];
      expect(service.healthcheck?.test).toBeDefined();
      expect(service.image).toMatch(/:[0-9][\w.-]*$/);
    },
  );

  it('when services start, then each waits for what it needs to be healthy', () => {
    expect(services.mlflow.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(services['demo-api'].depends_on?.mlflow.condition).toBe('service_healthy');
    expect(services['data-science'].depends_on?.mlflow.condition).toBe('service_healthy');
  });

  it('when MLflow is reached by service name, then its allowed hosts admit it', () => {
    const command = services.mlflow.command?.join(' ') ?? '';
    expect(command).toMatch(/--allowed-hosts=\S*mlflow:\*/);
    expect(command).toMatch(/--backend-store-uri=postgresql:\/\//);
  });

  it('when the API runs, then it is published on port 80 and shares ./models with update-models.sh', () => {
    const api = services['demo-api'];
    expect(JSON.stringify(api.ports)).toMatch(/"published":"?80"?/);
    // docker-compose 1.x prints short syntax (source:target:mode), newer ones long syntax
    const volumes = (api.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
    expect(volumes.some((v) => v.startsWith(`${path.join(root, 'models')}:/models`))).toBe(true);
    expect(JSON.stringify(services['data-science'].ports)).toMatch(/"published":"?8888"?/);
  });
});

describe('Dockerfiles', () => {
  it.each(['demo-api/Dockerfile', 'data-science/Dockerfile', 'docker/mlflow/Dockerfile'])(
    'when %s is read, then every base image is pinned and the final stage runs as a non-root user',
    (file) => {
      const all = stages(file);
      for (const stage of all) {
        const image = stage.from.split(/\s+/)[1];
        expect(image).toMatch(/:[0-9v][\w.-]*$/); // a pinned tag, never latest
      }
      const users = all[all.length - 1].lines.filter((l) => /^USER\s/i.test(l));
      expect(users.length).toBeGreaterThan(0);
      expect(users[users.length - 1]).not.toMatch(/^USER\s+(root|0)\b/i);
    },
  );

  it.each(['demo-api/Dockerfile', 'data-science/Dockerfile'])(
    'when %s builds, then it is multi-stage and installs tfjs-node online',
    (file) => {
      const all = stages(file);
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all.flatMap((s) => s.lines).join('\n')).toMatch(/tfjs-node && node scripts\/install\.js/);
    },
  );
});
