import type { Restore } from "./ports.js";

/** Adapters put in place for a while, oldest first; each one's restore function takes out that one only. */
export class AdapterStack<T> {
  // Entries, not the adapters themselves: the same adapter added twice is taken out once per restore.
  private readonly entries: { adapter: T }[] = [];

  add(adapter: T): Restore {
    const entry = { adapter };
    this.entries.push(entry);
    return () => {
      const at = this.entries.indexOf(entry);
      if (at >= 0) this.entries.splice(at, 1);
    };
  }

  /** The one added last and still in place. */
  latest(): T | undefined {
    return this.entries.at(-1)?.adapter;
  }

  all(): T[] {
    return this.entries.map((e) => e.adapter);
  }
}
