// Experiments: get by name, create, and a get-or-create that survives races and
// restores a soft-deleted experiment.
import { z } from 'zod';
import type { ExperimentsApi } from './api';
import { MlflowResourceAlreadyExistsError, MlflowResourceDoesNotExistError } from './errors';
import type { Transport } from './http';
import { trackingApi } from './paths';
import type { CreateExperimentOptions, Experiment } from './types';
import { toExperiment, toKeyValues, wireExperiment } from './wire-tracking';

const experimentAnswer = z.object({ experiment: wireExperiment });
const createAnswer = z.object({ experiment_id: z.string() });
const empty = z.object({});

export function createExperimentsApi(http: Transport): ExperimentsApi {
  const getByName = async (name: string): Promise<Experiment> => {
    const query = { experiment_name: name };
    const answer = await http.json(
      { method: 'GET', path: `${trackingApi}/experiments/get-by-name`, query },
      experimentAnswer,
    );
    return toExperiment(answer.experiment);
  };

  const create = async (name: string, options: CreateExperimentOptions = {}): Promise<string> => {
    const json = { name, tags: toKeyValues(options.tags) };
    const answer = await http.json(
      { method: 'POST', path: `${trackingApi}/experiments/create`, json },
      createAnswer,
    );
    return answer.experiment_id;
  };

  const restore = async (experimentId: string): Promise<void> => {
    const json = { experiment_id: experimentId };
    await http.json({ method: 'POST', path: `${trackingApi}/experiments/restore`, json }, empty);
  };

  /** Get; on "does not exist" create; on "already exists" (someone else won) get again. */
  const findOrCreate = async (name: string, options?: CreateExperimentOptions): Promise<Experiment> => {
    try {
      return await getByName(name);
    } catch (err) {
      if (!(err instanceof MlflowResourceDoesNotExistError)) throw err;
    }
    try {
      await create(name, options);
    } catch (err) {
      if (!(err instanceof MlflowResourceAlreadyExistsError)) throw err;
    }
    return getByName(name);
  };

  return {
    getByName,
    create,
    restore,
    get: async (experimentId) => {
      const query = { experiment_id: experimentId };
      const answer = await http.json(
        { method: 'GET', path: `${trackingApi}/experiments/get`, query },
        experimentAnswer,
      );
      return toExperiment(answer.experiment);
    },
    delete: async (experimentId) => {
      const json = { experiment_id: experimentId };
      await http.json({ method: 'POST', path: `${trackingApi}/experiments/delete`, json }, empty);
    },
    getOrCreate: async (name, options) => {
      const experiment = await findOrCreate(name, options);
      if (experiment.lifecycleStage === 'active') return experiment;
      try {
        await restore(experiment.experimentId);
      } catch (err) {
        // Another process may have restored it first: fine if it is active now.
        const again = await getByName(name);
        if (again.lifecycleStage !== 'active') throw err;
      }
      return getByName(name);
    },
  };
}
