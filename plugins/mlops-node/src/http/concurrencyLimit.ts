/**
 * At most `limit` tasks at once; the others wait in a first-in, first-out
 * queue, so a burst is served in the order it arrived instead of failing.
 * A waiting task whose signal fires (its route's deadline passed) leaves the
 * queue with that signal's reason and never runs. The backend limits its
 * calls to each MLflow instance with it; the fake MLflow's `workers` too.
 *
 * @public
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly queue: Array<{
    start: () => void;
    signal?: AbortSignal;
    onAbort: () => void;
  }> = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit > 0))
      throw new RangeError('limit must be a positive whole number');
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a free slot. */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running >= this.limit) await this.slot(signal);
    else this.running++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Waits for a slot; the slot is handed over by `release`, so `running` counts it already. */
  private slot(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', entry.onAbort);
          resolve();
        },
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(entry);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      this.queue.push(entry);
      signal?.addEventListener('abort', entry.onAbort, { once: true });
    });
  }

  private release() {
    const next = this.queue.shift();
    if (next) next.start();
    else this.running--;
  }
}
