import { watch, type FSWatcher } from 'node:fs';
import { DEPLOYED_FILE } from '@rings/ring-model/core';
import type { Logger } from '../logger';

/**
 * Calls onChange when deployed.json may have changed: fs.watch on the store
 * folder (the pointer is replaced by rename, so the file itself cannot be
 * watched), plus a poll as a fallback for file systems without reliable watch
 * events (NFS, some container volumes).
 */
export class PointerFollower {
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly storeDir: string,
    private readonly pollMs: number,
    private readonly onChange: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.poller = setInterval(() => {
      if (!this.watcher) this.startWatching(); // the store may have appeared since
      this.onChange();
    }, this.pollMs);
    this.poller.unref();
    this.startWatching();
  }

  stop(): void {
    clearInterval(this.poller);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private startWatching(): void {
    try {
      this.watcher = watch(this.storeDir, (_event, file) => {
        if (!file || file === DEPLOYED_FILE) this.onChange();
      });
      this.watcher.unref();
      this.watcher.on('error', (err) => {
        this.logger.warn({ err: err.message }, 'watching the model store failed; polling only');
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (err) {
      this.watcher = undefined;
      this.logger.debug({ err: (err as Error).message }, 'cannot watch the model store yet; polling');
    }
  }
}
