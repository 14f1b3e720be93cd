#!/usr/bin/env node
// update-models: promote a model version into the model store, roll back, or
// list the store. ./update-models.sh is a thin wrapper around this file.
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { loadPromoteConfig, type PromoteConfig } from '../config';
import { exitStatusOf, UsageError } from './errors';
import { formatListing, listCommand } from './list-command';
import { createRegistrySource } from './mlflow-source';
import { moveAliasCommand } from './move-alias-command';
import { promoteCommand, type CommandContext, type CommandStep } from './promote-command';
import { rollbackCommand } from './rollback-command';

const optionsSchema = z
  .object({
    rollback: z.boolean().default(false),
    list: z.boolean().default(false),
    fromMlflow: z.boolean().default(false),
    keepAlias: z.boolean().default(false),
    source: z.string().optional(),
    json: z.boolean().default(false),
  })
  .strict();

function context(config: PromoteConfig): CommandContext {
  return {
    config,
    registry: createRegistrySource(config.MODEL_NAME, process.env, config),
    warn: (message) => console.error(`warning: ${message}`),
    onStep: (step: CommandStep) => {
      // Tests kill the promotion at each step and check the store stays consistent.
      if (step === config.RING_PROMOTE_CRASH_AT) process.kill(process.pid, 'SIGKILL');
    },
  };
}

function print(json: boolean, data: unknown, text: string): void {
  console.log(json ? JSON.stringify(data, null, 2) : text);
}

async function run(version: string | undefined, raw: unknown): Promise<void> {
  const options = optionsSchema.parse(raw);
  const actions = [options.rollback, options.list, version !== undefined].filter(Boolean).length;
  if (actions !== 1) throw new UsageError('give a version, --rollback or --list (exactly one); see --help');
  if (options.fromMlflow && options.source)
    throw new UsageError('--from-mlflow and --source exclude each other');
  const config = loadPromoteConfig();
  if (options.list) {
    const listing = await listCommand(config.MODEL_STORE_DIR);
    return print(options.json, listing, formatListing(listing, config.MODEL_STORE_DIR));
  }
  const ctx = context(config);
  if (config.MODEL_SOURCE === 'registry') return moveAlias(version, options, ctx);
  if (options.rollback) {
    const pointer = await rollbackCommand(ctx);
    return print(
      options.json,
      pointer,
      `rolled back: ${pointer.version} is deployed (was ${pointer.previous})`,
    );
  }
  const result = await promoteCommand(
    { version: version as string, ...options, sourceDir: options.source },
    ctx,
  );
  const from = result.source === 'mlflow' ? `${result.origin}, sha256 verified` : result.source;
  const text = result.switched
    ? `promoted ${result.version} (from ${from}; previous: ${result.previous ?? 'none'})`
    : `${result.version} is already deployed; nothing changed`;
  print(options.json, result, text);
}

/** MODEL_SOURCE=registry: the replicas follow the champion alias, so promoting moves it. */
async function moveAlias(
  version: string | undefined,
  options: z.infer<typeof optionsSchema>,
  ctx: CommandContext,
): Promise<void> {
  if (version === undefined || options.source || options.fromMlflow || options.keepAlias) {
    throw new UsageError(
      'MODEL_SOURCE=registry: give a version (no other option); roll back by naming the earlier version',
    );
  }
  const result = await moveAliasCommand(version, ctx);
  const text = result.moved
    ? `moved ${result.alias} to ${result.version} (registry version ${result.registry_version}; previous: ${result.previous ?? 'none'}); the replicas following it deploy it within REGISTRY_POLL_MS`
    : `${result.alias} already names ${result.version}; nothing changed`;
  print(options.json, result, text);
}

const program = new Command('update-models')
  .description('Promote a model version into the model store ($MODEL_STORE_DIR) and deploy it atomically.')
  .argument('[version]', 'version name, e.g. v1 (letters, digits, ".", "_", "-")')
  .option('--rollback', 'deploy the previous version again')
  .option('--list', 'list the versions in the store')
  .option('--from-mlflow', 'download the version from the MLflow registry even if a local export exists')
  .option(
    '--keep-alias',
    "leave MLflow's champion alias as it is (an API replica following the alias deploys with it)",
  )
  .option('--source <dir>', 'promote from this folder instead of $MODEL_SOURCE_DIR/<version>')
  .option('--json', 'print the result as JSON')
  .addHelpText(
    'after',
    `
Examples:
  ./update-models.sh v1                 promote data-science/models/v1 (or MLflow's v1)
  ./update-models.sh --from-mlflow v3   download v3 from the registry, promote it
  ./update-models.sh --rollback         back to the previous version
  ./update-models.sh --list

With MODEL_SOURCE=registry (API replicas following MLflow's alias), a version moves
ring-counter@champion and nothing else; --rollback is refused (name the earlier version).

Environment: MODEL_SOURCE (store), MODEL_STORE_DIR (./models), MODEL_SOURCE_DIR (./data-science/models),
MODEL_NAME (ring-counter), MLFLOW_TRACKING_URI (http://127.0.0.1:5000); registry downloads
are capped by MODEL_DOWNLOAD_MAX_JSON_BYTES (16 MiB), MODEL_DOWNLOAD_MAX_WEIGHTS_BYTES (512 MiB)
and MODEL_DOWNLOAD_MAX_WEIGHT_FILES (64).
Exit codes: 0 done, 1 refused or failed (the store is unchanged), 2 bad usage,
4 MLflow unreachable when the version had to come from it (the store is unchanged).`,
  )
  .exitOverride()
  .action(run);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2; // commander already printed help or the problem
    return;
  }
  console.error(`update-models: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = exitStatusOf(err);
});
