/** Runs async tasks with at most `limit` in flight; the first failure is rethrown. */
export interface TaskPool {
  /** Starts `task`, waiting first if `limit` tasks are already running. */
  run(task: () => Promise<void>): Promise<void>;
  /** Waits for every started task. */
  drain(): Promise<void>;
}

export function createTaskPool(limit: number): TaskPool {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  return {
    async run(task) {
      rethrow();
      while (running.size >= limit) await Promise.race(running);
      rethrow();
      const promise: Promise<void> = task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async drain() {
      await Promise.all(running);
      rethrow();
    },
  };
}
