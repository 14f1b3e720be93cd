// Fast checks of docker-compose.yml (as Debian's docker-compose reads it) and
// the Dockerfiles, run by npm test. The images are built and the whole journey
// is run on real containers by tests/compose/ (npm run test:compose).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');

interface Service {
  image?: string;
  build?: { dockerfile?: string; target?: string };
  ports?: (string | { host_ip?: string; published: string | number; target: number })[];
  volumes?: (string | { source: string; target: string })[];
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
  environment?: Record<string, string>;
  logging?: { driver: string; options?: Record<string, string> };
  profiles?: string[];
}

function composeConfig(env: Record<string, string> = {}): { services: Record<string, Service> } {
  // .env.example, not a developer's .env: it holds the defaults, so they are checked either way
  const file = path.join(root, 'docker-compose.yml');
  const out = execFileSync(
    'docker-compose',
    ['-f', file, '--env-file', path.join(root, '.env.example'), 'config'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  return parse(out) as { services: Record<string, Service> };
}

/** Published ports as "host_ip:published" (short syntax from docker-compose 1.x, long from newer ones). */
const published = (service: Service) =>
  (service.ports ?? []).map((p) =>
    typeof p === 'string' ? p.split(':').slice(0, 2).join(':') : `${p.host_ip ?? ''}:${p.published}`,
  );

const volumes = (service: Service) =>
  (service.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));

interface Stage {
  from: string;
  name?: string;
  lines: string[];
}

function stages(dockerfile: string): Stage[] {
  const text = readFileSync(path.join(root, dockerfile), 'utf8');
  const result: Stage[] = [];
  const joined = text.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n').map((l) => l.trim())) {
    const words = line.split(/\s+/);
    if (words[0] === 'FROM')
      result.push({ from: words[1], name: words[2] === 'AS' ? words[3] : undefined, lines: [] });
    else if (line && !line.startsWith('#') && result.length) result[result.length - 1].lines.push(line);
  }
  return result;
}

describe('docker-compose.yml', () => {
  const services = composeConfig().services;
  const running = ['postgres', 'mlflow', 'data-science', 'demo-api', 'lb', 'prometheus'];

  it('when validated by docker-compose, then it has the six services and two tools that up never starts', () => {
    expect(Object.keys(services).sort()).toEqual([...running, 'ingest', 'update-models'].sort());
    expect(services.ingest.profiles).toEqual(['tools']);
    expect(services['update-models'].profiles).toEqual(['tools']);
  });

  it.each(running)(
    'when %s is defined, then it has a healthcheck, a pinned image and rotated logs',
    (name) => {
      const service = services[name];
      expect(service.healthcheck?.test).toBeDefined();
      expect(service.image).toMatch(/:[0-9][\w.-]*$/);
      expect(service.logging).toMatchObject({
        driver: 'json-file',
        options: { 'max-size': expect.any(String) },
      });
    },
  );

  it('when services start, then each waits only for what it uses', () => {
    expect(services.mlflow.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(services['data-science'].depends_on?.mlflow.condition).toBe('service_healthy');
    expect(services['demo-api'].depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(Object.keys(services.lb.depends_on ?? {})).toEqual(['demo-api']);
    expect(Object.keys(services.prometheus.depends_on ?? {})).toEqual(['demo-api']);
  });

  it('when MLflow starts, then its database password is on no command line and its allowed hosts admit the service name', () => {
    const command = services.mlflow.command?.join(' ') ?? '';
    expect(command).toMatch(/--allowed-hosts=\S*mlflow:\*/);
    expect(command).not.toMatch(/postgres/);
    expect(services.mlflow.environment?.MLFLOW_BACKEND_STORE_URI).toMatch(/^postgresql\+psycopg2:\/\//);
  });

  it('when nothing is configured, then every port is published on 127.0.0.1 only, the API on 80 through lb', () => {
    const ports = running.flatMap((name) => published(services[name]));
    expect(ports.sort()).toEqual(['127.0.0.1:5000', '127.0.0.1:80', '127.0.0.1:8888', '127.0.0.1:9090']);
    expect(published(services.lb)).toEqual(['127.0.0.1:80']);
    // replicas publish nothing, so `--scale demo-api=3` has no port to fight over
    expect(published(services['demo-api'])).toEqual([]);
  });

  it('when RING_BIND_ADDRESS and the port variables are set, then they decide where services are published', () => {
    const opened = composeConfig({ RING_BIND_ADDRESS: '0.0.0.0', API_PORT: '8080' }).services;
    expect(published(opened.lb)).toEqual(['0.0.0.0:8080']);
  });

  it('when the API replicas log in to MLflow, then as the user replica (read-only), never as admin', () => {
    expect(services['demo-api'].environment).toMatchObject({
      MLFLOW_TRACKING_USERNAME: 'replica',
      MLFLOW_TRACKING_PASSWORD_FILE: '/mlflow-auth/replica-password',
    });
    expect(readFileSync(path.join(root, 'docker/mlflow/start.sh'), 'utf8')).toMatch(/mlflow-create-reader/);
  });

  it('when the API runs behind lb, then it drains on SIGTERM longer than lb needs to notice, and trusts one proxy hop', () => {
    const api = services['demo-api'];
    const haproxy = readFileSync(path.join(root, 'docker/haproxy/haproxy.cfg'), 'utf8');
    const check = /default-server check inter (\d+)s fall (\d+)/.exec(haproxy);
    expect(check).not.toBeNull();
    const noticeMs = Number(check?.[1]) * 1000 * Number(check?.[2]);
    expect(Number(api.environment?.SHUTDOWN_DRAIN_MS)).toBeGreaterThan(noticeMs);
    expect(api.environment?.TRUST_PROXY).toBe('1');
    // lb overwrites X-Forwarded-For, so a client cannot choose the address the API trusts
    expect(haproxy).toMatch(/http-request set-header X-Forwarded-For %\[src\]/);
  });

  it('when the API and update-models run, then they share ./models and know whose clone it is', () => {
    for (const name of ['demo-api', 'update-models']) {
      expect(volumes(services[name]).some((v) => v.startsWith(`${path.join(root, 'models')}:/models`))).toBe(
        true,
      );
      expect(volumes(services[name]).some((v) => v.includes(':/run/ring/clone-owner'))).toBe(true);
    }
  });
});

describe('Dockerfiles', () => {
  const files = [
    'Dockerfile',
    'docker/mlflow/Dockerfile',
    'docker/bases/node/Dockerfile',
    'docker/bases/postgres/Dockerfile',
    'docker/bases/mlflow/Dockerfile',
    'docker/bases/debian/Dockerfile',
    'docker/haproxy/Dockerfile',
    'docker/prometheus/Dockerfile',
  ];

  it.each(files)('when %s is read, then every base image is pinned or a stage of the file', (file) => {
    const all = stages(file);
    const names = new Set(all.map((s) => s.name));
    for (const stage of all) {
      if (names.has(stage.from) || stage.from.startsWith('${')) continue;
      expect(stage.from).toMatch(/:[0-9v][\w.-]*$/); // a pinned tag, never latest
    }
    // BuildKit fetches a `# syntax=` frontend from Docker Hub: none here
    expect(readFileSync(path.join(root, file), 'utf8')).not.toMatch(/^#\s*syntax=/m);
  });

  const api = stages('Dockerfile');
  const stage = (name: string) => api.find((s) => s.name === name) as Stage;

  it.each(['demo-api', 'data-science', 'ingest'])(
    'when the %s image starts, then its entry point drops root before the command runs',
    (name) => {
      expect(stage(name).lines.join('\n')).toMatch(/^ENTRYPOINT \["ring-entrypoint"/m);
    },
  );

  it('when the API image is built, then it runs on the slim base with no compilers and no network step', () => {
    expect(stage('demo-api').from).toBe('node:20.20-bookworm-slim');
    expect(stage('demo-api').lines.join('\n')).not.toMatch(/apt-get|npm (ci|install)|pip/);
  });

  it('when native TensorFlow is installed, then it is the host path (provision-tfjs.sh), never tfjs-node installer', () => {
    const text = api.flatMap((s) => s.lines).join('\n');
    expect(text).toMatch(/bash scripts\/provision-tfjs\.sh/);
    expect(text).not.toMatch(/scripts\/install\.js/);
  });

  it('when the ingest image drops TensorFlow, then ingest imports only ring-model/core, which loads none', () => {
    expect(stage('ingest-deps').lines.join('\n')).toMatch(/rm -rf node_modules\/@tensorflow/);
    const sources = execFileSync('git', ['ls-files', 'data-engineering/src'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !/\.test\.ts$|__tests__/.test(f));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect([file, /from '@rings\/ring-model'|@tensorflow/.test(text)]).toEqual([file, false]);
    }
  });

  it('when the extra CA certificates are used, then no runtime stage copies them', () => {
    for (const name of ['demo-api', 'data-science', 'ingest']) {
      expect(stage(name).lines.join('\n')).not.toMatch(/extra-ca|docker\/ca/);
    }
    const mlflowFinal = stages('docker/mlflow/Dockerfile').at(-1) as Stage;
    expect(mlflowFinal.lines.join('\n')).not.toMatch(/extra-ca|docker\/ca/);
    expect(mlflowFinal.lines.filter((l) => /^USER\s/.test(l)).at(-1)).toMatch(/^USER\s+mlflow$/);
  });
});
