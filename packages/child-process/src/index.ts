// @rings/child-process: the one way this project starts, waits for and stops
// child processes (the demo, the MLflow launcher, the benchmarks).
export { startProcess } from './start-process';
export type { StartOptions, RunningProcess, ExitStatus } from './start-process';
export { runProcess } from './run-process';
export type { RunOptions } from './run-process';
export { waitUntilReady, answersOk } from './wait-until-ready';
export type { ReadyOptions } from './wait-until-ready';
export { stopPid, signalProcess, DEFAULT_GRACE_MS } from './stop-process';
export { stopAllProcesses, stopAllOnSignals } from './clean-up';
export { findFreePort } from './free-port';
export { ChildProcessError } from './child-process-error';
export type { ChildProcessErrorCode } from './child-process-error';
export type { OutputMode } from './output';
