/** A task run now and every `intervalMs` (see startPeriodic). */
export interface Periodic<T> {
  /** Runs the task now, unless a run is in progress: then resolves with that one. Resolves with
   *  the run's value, or undefined when it failed (onError was told). Tests tick by hand. */
  tick(): Promise<T | undefined>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` now and every `intervalMs`, never two runs at once; `stop` waits for a run in
 * progress. The timer does not keep the process alive.
 */
export function startPeriodic<T = void>(task: () => Promise<T>, intervalMs: number, onError: (error: unknown) => void): Periodic<T> {
  let running: Promise<T | undefined> | null = null;
  const tick = () => {
    running ??= task()
      .catch((error: unknown) => {
        onError(error);
        return undefined;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
