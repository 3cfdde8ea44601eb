/**
 * How far a running sync pass has come: the items written so far (contacts and tombstones of every source), and the
 * total when one is known. The scheduler starts and ends it with the pass; the status shows it while it runs, so the
 * pane, the tray and `bridge signin` can show a long first sync moving.
 */
export interface SyncProgressState {
  done: number;
  total?: number;
}

export class SyncProgress {
  private state: SyncProgressState | undefined;

  start(): void {
    this.state = { done: 0 };
  }

  /** `count` more items written (a page of a delta). */
  add(count: number): void {
    if (this.state) this.state.done += count;
  }

  end(): void {
    this.state = undefined;
  }

  /** A copy while a pass runs, else undefined. */
  current(): SyncProgressState | undefined {
    return this.state && { ...this.state };
  }
}
