/**
 * "The team copy changed": what the delta sync and the claim call after they apply rows, so the pane reads its team
 * views again. A sync applies a page at a time; the pages of one burst make one notice, not one each.
 */
export interface TeamNotifier {
  changed(): void;
  /** Drops a notice still waiting (the bridge stops). */
  stop(): void;
}

export function teamNotifier(notify: (at: string) => void, quietMs = 200): TeamNotifier {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    changed() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        notify(new Date().toISOString());
      }, quietMs);
      timer.unref?.();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
