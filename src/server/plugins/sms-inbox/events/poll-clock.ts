type Listener = () => void;

interface Clock {
  timer: NodeJS.Timeout;
  listeners: Set<Listener>;
}

const clocks = new Map<string, Clock>();

/**
 * Calls `listener` every `intervalMs` until the returned function is
 * called. Listeners of one company and interval share one timer, so the
 * company's streams in this process poll at the same moment, and streams at
 * the same log position share one read (see batched-reads.ts). Each
 * company's timer starts with its first listener, so different companies
 * poll at different moments. A listener must not throw.
 */
export function onPollTick(
  companyId: string,
  intervalMs: number,
  listener: Listener,
): () => void {
  const key = `${intervalMs}:${companyId}`;
  let clock = clocks.get(key);
  if (!clock) {
    const listeners = new Set<Listener>();
    const timer = setInterval(() => {
      for (const tick of [...listeners]) tick();
    }, intervalMs);
    timer.unref();
    clock = { timer, listeners };
    clocks.set(key, clock);
  }
  const { listeners } = clock;
  listeners.add(listener);

  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || clocks.get(key) !== clock) return;

    clearInterval(clock.timer);
    clocks.delete(key);
  };
}
