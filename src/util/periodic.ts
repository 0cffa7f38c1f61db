/**
 * Runs `task` now and every `intervalMs`, never two runs at once; `stop` waits for a run in
 * progress. The timer does not keep the process alive.
 */
export function startPeriodic(task: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
