// Replicas behind the load balancer, on the journey's running stack (v1 and v2
// trained and registered, v2 deployed): three replicas share traffic,
// monitoring and feedback (Postgres); a promotion under load reaches every
// replica; a stopped replica drops nothing; a killed one is routed around;
// Postgres restarts under load; Prometheus sees the fleet; the registry mode
// serves from empty stores and follows the alias. Registered by
// journey.compose.test.ts inside its describe, so they run after its steps.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { run } from '../hostile/support/processes';
import { waitHealthy, type ComposeProject } from './support/compose-project';
import { percentile, startLoad, type LoadResult } from './support/load';

const MINUTE = 60_000;
const REPLICAS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FleetContext {
  project: ComposeProject;
  api: string;
  figures: Record<string, unknown>;
}

export function fleetSteps(context: () => FleetContext): void {
  const image = () => path.join(context().project.dir, 'raw-data/images/NSC5.png');
  const operations = () => ({ authorization: `Bearer ${context().project.env.OPERATIONS_TOKEN}` });

  /** Container id and address of every running demo-api replica. */
  async function replicas(): Promise<{ id: string; url: string }[]> {
    const ids = (await context().project.compose(['ps', '-q', 'demo-api'])).stdout.trim().split('\n');
    const found = [];
    for (const id of ids.filter(Boolean)) {
      const inspect = [
        'inspect',
        '-f',
        '{{.State.Running}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
        id,
      ];
      const [running, ip] = (await run('docker', inspect)).stdout.trim().split(' ');
      if (running === 'true') found.push({ id, url: `http://${ip}:8080` });
    }
    return found;
  }

  /** One query in the stack's Postgres, its answer unaligned (psql -tA). */
  async function psql(sql: string): Promise<string> {
    const command = ['exec', '-T', 'postgres', 'psql', '-U', 'mlflow', '-d', 'mlflow', '-tAc', sql];
    return (await context().project.compose(command)).stdout.trim();
  }

  async function servedVersion(url: string): Promise<string | null> {
    const answer = await fetch(`${url}/deployed_version/`).catch(() => undefined);
    if (!answer?.ok) return null;
    return ((await answer.json()) as { serving_version: string | null }).serving_version;
  }

  /** Wait until every running replica serves version; resolves to each one's delay in seconds from `since`. */
  async function everyReplicaServes(
    version: string,
    since: number,
    timeoutMs = 2 * MINUTE,
  ): Promise<number[]> {
    const all = await replicas();
    const delays = new Map<string, number>();
    const deadline = Date.now() + timeoutMs;
    while (delays.size < all.length) {
      for (const replica of all) {
        if (!delays.has(replica.id) && (await servedVersion(replica.url)) === version) {
          delays.set(replica.id, (Date.now() - since) / 1000);
        }
      }
      if (Date.now() > deadline)
        throw new Error(`after ${timeoutMs} ms, ${delays.size}/${all.length} replicas serve ${version}`);
      await sleep(100);
    }
    return [...delays.values()];
  }

  async function scaleTo(count: number, env: Record<string, string> = {}): Promise<void> {
    const { project } = context();
    await project.exec('docker-compose', ['up', '-d', '--scale', `demo-api=${count}`], {
      env,
      timeoutMs: 10 * MINUTE,
    });
    await waitHealthy(project, ['lb']);
    const deadline = Date.now() + 2 * MINUTE;
    const allServing = async () => {
      const running = await replicas();
      const versions = await Promise.all(running.map((r) => servedVersion(r.url)));
      return running.length === count && !versions.includes(null);
    };
    while (!(await allServing())) {
      if (Date.now() > deadline) throw new Error(`${count} replicas are not all serving`);
      await sleep(500);
    }
  }

  function summary(result: LoadResult) {
    return {
      sent: result.sent,
      failed: result.failed,
      requestsPerSecond: Math.round(result.latenciesMs.length / result.seconds),
      p99Ms: Math.round(percentile(result.latenciesMs, 99)),
      servedBy: result.servedBy,
    };
  }

  async function measureThroughput(seconds: number): Promise<ReturnType<typeof summary>> {
    const load = startLoad(context().api, image(), 16);
    await sleep(seconds * 1000);
    return summary(await load.stop());
  }

  it(
    'when scaled to 3 replicas, then 600 predictions reach all 3, feedback through the balancer is taken by any, and every replica reports the same monitoring',
    async () => {
      const { api, figures, project } = context();
      figures.fleetOneReplica = await measureThroughput(10);
      await scaleTo(REPLICAS);
      figures.fleetThreeReplicas = await measureThroughput(10);

      const load = startLoad(api, image(), 8, 600);
      const result = await load.done;
      expect(result.failures).toEqual([]);
      expect(result.requestIds).toHaveLength(600);
      expect(Object.keys(result.servedBy).sort()).toHaveLength(REPLICAS);
      for (const count of Object.values(result.servedBy)) expect(count).toBeGreaterThan(0);

      const feedback = {
        authorization: `Bearer ${project.env.FEEDBACK_TOKEN}`,
        'content-type': 'application/json',
      };
      const answeredBy: Record<string, number> = {};
      for (const requestId of result.requestIds) {
        const response = await fetch(`${api}/feedback/`, {
          method: 'POST',
          headers: feedback,
          body: JSON.stringify({ request_id: requestId, num_rings: 1 }),
        });
        expect([requestId, response.status]).toEqual([requestId, 200]);
        const slot = response.headers.get('x-served-by') ?? '?';
        answeredBy[slot] = (answeredBy[slot] ?? 0) + 1;
      }
      expect(Object.keys(answeredBy)).toHaveLength(REPLICAS);

      const ids = result.requestIds.map((id) => `'${id}'`).join(',');
      const sql = `SELECT (SELECT count(*) FROM ring_monitoring.predictions WHERE request_id IN (${ids})) || ' ' || (SELECT count(*) FROM ring_monitoring.feedback WHERE request_id IN (${ids}))`;
      // feedback is answered once accepted and written in the store's next batch: wait for the batch
      let counts = await psql(sql);
      for (const deadline = Date.now() + 30_000; counts !== '600 600' && Date.now() < deadline;) {
        await sleep(500);
        counts = await psql(sql);
      }
      expect(counts).toBe('600 600');

      const reports = [];
      for (const replica of await replicas()) {
        const response = await fetch(`${replica.url}/monitoring/`, { headers: operations() });
        expect(response.status).toBe(200);
        const {
          generated_at: _at,
          history: _history,
          ...report
        } = (await response.json()) as Record<string, unknown>;
        reports.push(report);
      }
      expect(reports).toHaveLength(REPLICAS);
      for (const report of reports.slice(1)) expect(report).toEqual(reports[0]);
      expect(JSON.stringify(reports[0])).toContain('"count"');
    },
    15 * MINUTE,
  );

  it(
    'when v1 is promoted while 16 connections flow through the balancer, then no request fails and every replica serves v1 (how soon is reported)',
    async () => {
      const { api, figures, project } = context();
      const load = startLoad(api, image(), 16);
      await sleep(2000);
      const started = Date.now();
      await project.exec('./update-models.sh', ['v1'], { env: { RING_UPDATE_MODELS_IN: 'container' } });
      const promotedAfter = (Date.now() - started) / 1000;
      const delays = await everyReplicaServes('v1', started);
      await sleep(2000);
      const result = await load.stop();
      figures.fleetPromotion = {
        ...summary(result),
        commandSeconds: promotedAfter,
        replicaServesV1AfterSeconds: delays,
      };
      expect(result.failures).toEqual([]);
      expect(result.versions.v1).toBeGreaterThan(0);
      expect(result.versions.v2).toBeGreaterThan(0);
      // Measured from the end of the command, which itself takes a few seconds in its container. The
      // figure (5 s here when the machine is quiet; the goal is 10) is reported, not asserted: timed
      // assertions fail on a busy shared machine. The bound catches a replica that does not follow.
      for (const delay of delays) expect(delay - promotedAfter).toBeLessThan(60);
    },
    10 * MINUTE,
  );

  it(
    'when one replica is stopped under load, then nothing fails; when one is killed, the balancer routes around it',
    async () => {
      const [first, second] = await replicas();
      try {
        await stopThenKill(first.id, second.id);
      } finally {
        // the next steps need the whole fleet, whatever happened here
        await scaleTo(REPLICAS);
      }
    },
    10 * MINUTE,
  );

  async function stopThenKill(stopId: string, killId: string): Promise<void> {
    const { api, figures } = context();
    let load = startLoad(api, image(), 16);
    await sleep(2000);
    await run('docker', ['stop', '-t', '30', stopId]);
    await sleep(2000);
    const stopped = await load.stop();
    figures.fleetReplicaStopped = summary(stopped);
    expect(stopped.failures).toEqual([]);

    load = startLoad(api, image(), 16);
    await sleep(2000);
    const killedAt = new Date();
    await run('docker', ['kill', killId]);
    await sleep(5000);
    const killed = await load.stop();
    const lbLogs = (await context().project.compose(['logs', '--no-color', '-t', 'lb'])).stdout;
    const down = lbLogs
      .split('\n')
      // a failed check says "is DOWN"; the container's name leaving Docker's DNS first says
      // "is going DOWN for maintenance (No IP for server)": either one takes it out of rotation
      .filter((line) => /Server replicas\/api\d+ is (going )?DOWN/.test(line))
      // docker's timestamps have nanoseconds; Date takes milliseconds
      .map((line) => line.split(' ').find((word) => /^\d{4}-\d\d-\d\dT/.test(word)) ?? '')
      .map((stamp) => new Date(`${stamp.slice(0, 23)}Z`))
      .filter((at) => at >= killedAt);
    const routedAroundSeconds = down.length ? (down[0].getTime() - killedAt.getTime()) / 1000 : null;
    figures.fleetReplicaKilled = { ...summary(killed), routedAroundSeconds };
    expect(killed.failed).toBeLessThanOrEqual(16); // at most the requests in flight on it
    expect(routedAroundSeconds).not.toBeNull();
    expect(routedAroundSeconds as number).toBeLessThan(5);
  }

  it(
    'when Postgres restarts under load, then every prediction is still served and monitoring writes resume',
    async () => {
      const { api, figures, project } = context();
      // the newest row's id: it grows with every write, while the row count stops at the pruning cap
      const newest = async () =>
        Number(await psql('SELECT coalesce(max(id), 0) FROM ring_monitoring.predictions'));
      const load = startLoad(api, image(), 8);
      await sleep(2000);
      await project.compose(['restart', 'postgres'], 5 * MINUTE);
      await waitHealthy(project, ['postgres']);
      const before = await newest();
      await sleep(3000);
      const result = await load.stop();
      figures.fleetPostgresRestart = summary(result);
      expect(result.failures).toEqual([]);
      await sleep(1000);
      expect(await newest()).toBeGreaterThan(before);
    },
    10 * MINUTE,
  );

  it(
    'when Prometheus scrapes the fleet, then it finds every replica by DNS and its recording rules answer',
    async () => {
      const { project } = context();
      const prometheus = `http://127.0.0.1:${project.ports.prometheus}`;
      const deadline = Date.now() + 2 * MINUTE;
      for (;;) {
        const targets = (await (await fetch(`${prometheus}/api/v1/targets`)).json()) as {
          data: { activeTargets: { labels: { job: string }; health: string }[] };
        };
        const api = targets.data.activeTargets.filter((t) => t.labels.job === 'demo-api');
        const serving = (await (
          await fetch(`${prometheus}/api/v1/query?query=sum(fleet%3Areplicas_serving%3Acount)`)
        ).json()) as {
          data: { result: { value: [number, string] }[] };
        };
        if (
          api.length === REPLICAS &&
          api.every((t) => t.health === 'up') &&
          serving.data.result[0]?.value[1] === String(REPLICAS)
        )
          break;
        if (Date.now() > deadline) {
          const info = await (await fetch(`${prometheus}/api/v1/query?query=model_serving_info`)).text();
          throw new Error(
            `Prometheus does not see ${REPLICAS} healthy replicas serving: targets ${JSON.stringify(api)}; serving ${JSON.stringify(serving)}; model_serving_info ${info}`,
          );
        }
        await sleep(2000);
      }
      const rate = (await (
        await fetch(`${prometheus}/api/v1/query?query=fleet%3Ahttp_requests%3Arate1m`)
      ).json()) as {
        data: { result: { value: [number, string] }[] };
      };
      expect(Number(rate.data.result[0]?.value[1])).toBeGreaterThan(0);
      expect((await fetch(`${prometheus}/graph`)).status).toBe(200);
    },
    5 * MINUTE,
  );

  it(
    'when the replicas follow the registry from empty stores, then they serve the champion, and moving the alias moves them all',
    async () => {
      const { project, figures } = context();
      const registry = { MODEL_SOURCE: 'registry' };
      await project.compose(['stop', 'demo-api']);
      // empty stores: the journey's models are deleted (as the clone's owner would)
      execFileSync('sh', ['-c', 'rm -rf models/v1 models/v2 models/deployed.json'], { cwd: project.dir });
      await scaleTo(REPLICAS, registry);
      expect(await Promise.all((await replicas()).map((r) => servedVersion(r.url)))).toEqual([
        'v1',
        'v1',
        'v1',
      ]);
      const started = Date.now();
      const moved = await project.exec('./update-models.sh', ['v2'], {
        env: { ...registry, RING_UPDATE_MODELS_IN: 'container' },
      });
      expect(moved.stdout).toMatch(/moved ring-counter@champion to v2/);
      const delays = await everyReplicaServes('v2', started);
      figures.fleetRegistryAliasMove = { replicaServesV2AfterSeconds: delays };
      // the figure (about 4.5 s on a quiet machine) is reported; the bound catches a replica that does not follow
      for (const delay of delays) expect(delay).toBeLessThan(120);
    },
    15 * MINUTE,
  );
}
