// Runs: create, log (chunked), update/terminate, get, search and metric history.
import { z } from 'zod';
import type { RunsApi } from './api';
import type { Transport } from './http';
import { chunkLogBatch } from './log-batch';
import { trackingApi } from './paths';
import type { Metric, Page, Run, SearchRunsOptions } from './types';
import { toKeyValues, toMetric, toRun, toRunInfo, wireMetric, wireRun, wireRunInfo } from './wire-tracking';

const runAnswer = z.object({ run: wireRun });
const updateAnswer = z.object({ run_info: wireRunInfo });
const searchAnswer = z.object({ runs: z.array(wireRun).default([]), next_page_token: z.string().optional() });
const historyAnswer = z.object({
  metrics: z.array(wireMetric).default([]),
  next_page_token: z.string().optional(),
});
const empty = z.object({});

export function createRunsApi(http: Transport): RunsApi {
  const post = <S extends z.ZodType>(endpoint: string, json: unknown, schema: S) =>
    http.json({ method: 'POST', path: `${trackingApi}/${endpoint}`, json }, schema);

  const update: RunsApi['update'] = async (runId, options) => {
    const json = {
      run_id: runId,
      status: options.status,
      end_time: options.endTime,
      run_name: options.runName,
    };
    return toRunInfo((await post('runs/update', json, updateAnswer)).run_info);
  };

  const search = async (options: SearchRunsOptions): Promise<Page<Run>> => {
    const json = {
      experiment_ids: options.experimentIds,
      filter: options.filter,
      order_by: options.orderBy,
      max_results: options.maxResults,
      page_token: options.pageToken,
      run_view_type: options.runViewType,
    };
    const answer = await post('runs/search', json, searchAnswer);
    return { items: answer.runs.map(toRun), nextPageToken: answer.next_page_token || undefined };
  };

  return {
    update,
    search,
    create: async (options) => {
      const json = {
        experiment_id: options.experimentId,
        run_name: options.runName,
        start_time: options.startTime ?? Date.now(),
        tags: toKeyValues(options.tags),
      };
      return toRun((await post('runs/create', json, runAnswer)).run);
    },
    get: async (runId) => {
      const query = { run_id: runId };
      return toRun(
        (await http.json({ method: 'GET', path: `${trackingApi}/runs/get`, query }, runAnswer)).run,
      );
    },
    logBatch: async (runId, batch) => {
      // Sequential on purpose: params are write-once and order must hold across chunks.
      for (const chunk of chunkLogBatch(batch))
        await post('runs/log-batch', { run_id: runId, ...chunk }, empty);
    },
    setTag: async (runId, key, value) => {
      await post('runs/set-tag', { run_id: runId, key, value: String(value) }, empty);
    },
    deleteTag: async (runId, key) => {
      await post('runs/delete-tag', { run_id: runId, key }, empty);
    },
    terminate: (runId, status = 'FINISHED', endTime = Date.now()) => update(runId, { status, endTime }),
    delete: async (runId) => {
      await post('runs/delete', { run_id: runId }, empty);
    },
    searchAll: async (options, limit = 10_000) => {
      const runs: Run[] = [];
      let pageToken: string | undefined;
      do {
        const page = await search({ ...options, pageToken });
        runs.push(...page.items);
        pageToken = page.nextPageToken;
      } while (pageToken !== undefined && runs.length < limit);
      return runs.slice(0, limit);
    },
    getMetricHistory: async (runId, key) => {
      const metrics: Metric[] = [];
      let pageToken: string | undefined;
      do {
        const query = { run_id: runId, metric_key: key, max_results: 25_000, page_token: pageToken };
        const path = `${trackingApi}/metrics/get-history`;
        const answer = await http.json({ method: 'GET', path, query }, historyAnswer);
        metrics.push(...answer.metrics.map(toMetric));
        pageToken = answer.next_page_token || undefined;
      } while (pageToken !== undefined);
      return metrics;
    },
  };
}
