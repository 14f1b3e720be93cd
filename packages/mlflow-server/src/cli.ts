#!/usr/bin/env node
// npm run mlflow -- start|stop|status: every command and flag is declared here;
// each action parses its flags with zod. Only this file sets the exit code.
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import { startMlflowServer, waitForMlflow } from './start-mlflow-server';
import { stopMlflowServer } from './stop-mlflow-server';

const DEFAULT_PORT = 5000;
const DEFAULT_DIR = path.join(REPO_ROOT, '.mlflow');

const flagsSchema = z.object({
  port: z.coerce.number().int().min(1).max(65535).default(DEFAULT_PORT).describe('TCP port on 127.0.0.1'),
  dir: z
    .string()
    .default(DEFAULT_DIR)
    .transform((dir) => path.resolve(dir))
    .describe('folder of the store (mlflow.db, mlartifacts/), its log and pid file'),
  auth: z.boolean().default(false).describe("MLflow's basic-auth app (user admin)"),
  adminPassword: z.string().min(1).optional(),
});
type Flags = z.infer<typeof flagsSchema>;

function parseFlags(flags: unknown): Flags {
  const parsed = flagsSchema.safeParse(flags);
  if (!parsed.success) throw new Error(`invalid flags:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function start(input: unknown): Promise<void> {
  const flags = parseFlags({ ...(input as object), adminPassword: process.env.MLFLOW_AUTH_ADMIN_PASSWORD });
  if (flags.auth && !flags.adminPassword)
    throw new Error('--auth needs MLFLOW_AUTH_ADMIN_PASSWORD (the admin password)');
  const auth = flags.auth && flags.adminPassword ? { adminPassword: flags.adminPassword } : undefined;
  const server = await startMlflowServer({ port: flags.port, dir: flags.dir, outlive: true, auth });
  console.log(`MLflow is up at ${server.uri} (pid ${server.pid}, log ${server.logFile})`);
}

async function stop(input: unknown): Promise<void> {
  const { dir } = parseFlags(input);
  console.log((await stopMlflowServer(dir)) ? 'MLflow stopped' : 'no MLflow server started from this folder');
}

async function status(input: unknown): Promise<void> {
  const uri = `http://127.0.0.1:${parseFlags(input).port}`;
  await waitForMlflow(uri, 1000);
  console.log(`MLflow is healthy at ${uri}`);
}

const describe = (key: keyof typeof flagsSchema.shape): string => flagsSchema.shape[key].description ?? '';
const program = new Command('mlflow').description(
  'Start, check and stop a local MLflow tracking server (the pinned MLflow of the project, on 127.0.0.1)',
);
program
  .command('start')
  .description('start a server that keeps running in the background')
  .option('--port <n>', `${describe('port')} (default ${DEFAULT_PORT})`)
  .option('--dir <path>', `${describe('dir')} (default .mlflow)`)
  .option(
    '--auth',
    `${describe('auth')}: the admin password comes from MLFLOW_AUTH_ADMIN_PASSWORD; clients need MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD`,
  )
  .action(start);
program
  .command('stop')
  .description('stop the server started from --dir')
  .option('--dir <path>', `${describe('dir')} (default .mlflow)`)
  .action(stop);
program
  .command('status')
  .description('exit 0 when a server answers on --port')
  .option('--port <n>', `${describe('port')} (default ${DEFAULT_PORT})`)
  .action(status);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`[mlflow-server] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
