/**
 * Every Microsoft 365 source of numbers and one sync pass over them: each source switched on syncs on its own
 * (one failing does not stop the others), each switched off leaves the index with its sync state, and so does a
 * shared mailbox no longer configured. The status shows per source: on/off, count, last sync, last error.
 */
import type { ContactSource } from "../../directory/contact.js";
import type { Directory } from "../../directory/directory.js";
import type { Logger } from "../../log/log.js";
import type { Database } from "../../store/sqlite.js";
import { isSignInRequired, normalizeGraphError } from "../graph-client.js";
import type { DeltaStateStore } from "../../store/delta-state.js";
import type { SourceStatus } from "../../http/m365-status.js";
import type { SyncSource } from "./source.js";
import type { SourceSwitches } from "./source-switches.js";
import { errorMessage } from "../../log/error-message.js";
import { ManagedSettingError } from "../config.js";

export interface SyncSourcesDeps {
  /** Every source the config names, with whether config.json switches it on. */
  sources: { source: SyncSource; enabledByConfig: boolean; managed?: boolean }[];
  switches: SourceSwitches;
  directory: Directory;
  db: Database;
  state: DeltaStateStore;
  log: Logger;
}

export class UnknownSourceError extends Error {}

export class SyncSources {
  private readonly outcome = new Map<string, { lastSyncAt?: string; lastError?: string }>();

  constructor(private readonly deps: SyncSourcesDeps) {}

  enabled(key: string): boolean {
    const entry = this.deps.sources.find((s) => s.source.key === key);
    if (entry === undefined) return false;
    // A policy decides over the pane's switch, even one the user set before the policy came.
    return entry.managed ? entry.enabledByConfig : (this.deps.switches.get(key) ?? entry.enabledByConfig);
  }

  /** The pane's switch; switching off takes the source out of the index at once. */
  switch(key: string, enabled: boolean): void {
    const entry = this.deps.sources.find((s) => s.source.key === key);
    if (!entry) throw new UnknownSourceError(`no Microsoft 365 source "${key}"`);
    if (entry.managed) throw new ManagedSettingError(`microsoft365.sync: ${key}`);
    this.deps.switches.set(key, enabled);
    if (!enabled) this.clear(key, entry.source.contactSource, entry.source.statePrefix);
  }

  /** Runs every source switched on; rejects with the first failure (other than a refusal) once all have run. */
  async pass(): Promise<void> {
    this.dropUnconfiguredMailboxes();
    let firstError: unknown;
    for (const { source } of this.deps.sources) {
      if (!this.enabled(source.key)) {
        this.clear(source.key, source.contactSource, source.statePrefix);
        continue;
      }
      try {
        await source.sync();
        this.outcome.set(source.key, { lastSyncAt: new Date().toISOString() });
        // Switched off while it synced: what it just wrote leaves again.
        if (!this.enabled(source.key)) this.clear(source.key, source.contactSource, source.statePrefix);
      } catch (raw) {
        const error = normalizeGraphError(raw);
        if (isSignInRequired(error)) throw error;
        const refused = (error as { statusCode?: number }).statusCode === 403;
        const reason = refused
          ? `skipped: ${source.permission} is not granted (${errorMessage(error)})`
          : errorMessage(error);
        this.outcome.set(source.key, { ...this.outcome.get(source.key), lastError: reason });
        this.deps.log("warn", "Microsoft 365 source failed", { source: source.key, reason });
        if (!refused) firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  status(): SourceStatus[] {
    return this.deps.sources.map(({ source }) => ({
      key: source.key,
      label: source.label,
      enabled: this.enabled(source.key),
      count: this.deps.directory.count(source.contactSource),
      ...this.outcome.get(source.key),
    }));
  }

  /** Takes a source switched off (or no longer configured) out of the index, with its delta links. */
  private clear(key: string, contactSource: ContactSource, statePrefix: string): void {
    const { db, directory, state } = this.deps;
    this.outcome.delete(key);
    if (directory.count(contactSource) === 0 && state.keys(statePrefix).length === 0) return;
    const removed = db.transaction(() => {
      state.deletePrefix(statePrefix);
      return directory.removeSource(contactSource);
    });
    this.deps.log("info", "Microsoft 365 source off: its contacts left the index", { source: key, removed });
  }

  private dropUnconfiguredMailboxes(): void {
    const configured = new Set(this.deps.sources.map((s) => s.source.contactSource));
    for (const contactSource of this.deps.directory.sources()) {
      if (!contactSource.startsWith("shared:") || configured.has(contactSource)) continue;
      this.clear(contactSource, contactSource, `${contactSource}:`);
    }
  }
}
