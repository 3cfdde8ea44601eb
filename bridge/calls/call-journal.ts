/**
 * The fallback journal: calls TelefUM reported while the store could not take them (disk full, read-only), kept on
 * disk in another folder until the store takes them. One line per call, appended and fsync'd before the call counts
 * as kept: `{"text":"CALLHISTORY^…","receivedAt":"…","sum":"…"}`, `sum` the SHA-256 of text and time (a line cut
 * short by a crash or a bad sector is skipped, never misread). Replaying is idempotent: the call log takes a call
 * once by its key (number, direction, start), so a replay killed midway is simply run again.
 *
 * Two bridges on one read-only data folder share its journal path, so a running bridge claims a slot of its own
 * (`claim`): the path itself or `-2.log` … `-8.log` beside it, each held by an OS lock, which the OS drops however
 * the bridge ends. What a stopped bridge left in a free slot is moved into the claimed one, so each line has one
 * owner and no bridge drops another's calls.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type DataFolderLock, exclusiveFileLock } from "../store/data-folder-lock.js";
import { userTempFolder } from "../store/private-files.js";

export interface JournalEntry {
  text: string;
  receivedAt: string;
}

/**
 * Where calls wait by default: a private folder of this user in the OS temp folder (on Windows %TEMP% in the
 * profile, on Linux /tmp, often a tmpfs), writable when the data folder's disk is full or read-only; one file per
 * data folder, so two bridges never replay each other's calls.
 */
export function defaultJournalPath(dataDir: string): string {
  const folder = createHash("sha256").update(resolve(dataDir)).digest("hex").slice(0, 16);
  return join(userTempFolder(), `calls-journal-${folder}.log`);
}

function sum(text: string, receivedAt: string): string {
  return createHash("sha256").update(`${receivedAt}\n${text}`).digest("hex").slice(0, 32);
}

function line(entry: JournalEntry): string {
  return `${JSON.stringify({ ...entry, sum: sum(entry.text, entry.receivedAt) })}\n`;
}

/** Slot i's file: the configured path for the first, then `calls-journal-….log` → `calls-journal-…-2.log`. */
function slotPath(base: string, slot: number): string {
  return slot === 0 ? base : base.replace(/(\.log)?$/, (ext) => `-${slot + 1}${ext}`);
}

/** Bridges that may keep calls on one journal path at once; a bound, so the slots never grow. */
export const JOURNAL_SLOTS = 8;

export class CallJournal {
  private lock: DataFolderLock | undefined;

  constructor(readonly path: string) {}

  /**
   * The running bridge's own slot of the journal at `base`, held until `release`; what stopped bridges left in the
   * other free slots is moved into it first. Undefined when every slot is held (the caller keeps calls in memory).
   */
  static claim(base: string): CallJournal | undefined {
    mkdirSync(dirname(base), { recursive: true, mode: 0o700 });
    let own: CallJournal | undefined;
    for (let slot = 0; slot < JOURNAL_SLOTS; slot++) {
      const path = slotPath(base, slot);
      const lock = exclusiveFileLock(`${path}.lock`);
      if (!lock) continue;
      if (!own) {
        own = new CallJournal(path);
        own.lock = lock;
        continue;
      }
      try {
        // Appended before the old file goes: a crash between leaves a line twice, which the hold takes once.
        const { entries } = new CallJournal(path).read();
        if (entries.length > 0) own.write(entries, "a");
        rmSync(path, { force: true });
      } finally {
        lock.release();
      }
    }
    return own;
  }

  /** Gives the slot up (the bridge stops): its calls stay in the file for the next bridge that claims it. */
  release(): void {
    this.lock?.release();
    this.lock = undefined;
  }

  /** Appends one call and waits for the disk; throws when it cannot (then the caller must keep it otherwise). */
  append(entry: JournalEntry): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    this.write([entry], "a");
  }

  private write(entries: JournalEntry[], flags: "a" | "w", path = this.path): void {
    const fd = openSync(path, flags, 0o600);
    try {
      writeSync(fd, entries.map(line).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every intact entry, oldest first; `damaged` counts lines that fail their checksum. */
  read(): { entries: JournalEntry[]; damaged: number } {
    if (!existsSync(this.path)) return { entries: [], damaged: 0 };
    const entries: JournalEntry[] = [];
    let damaged = 0;
    for (const line of readFileSync(this.path, "utf8").split("\n")) {
      if (!line) continue;
      try {
        const parsed = JSON.parse(line) as Partial<JournalEntry> & { sum?: string };
        if (typeof parsed.text !== "string" || typeof parsed.receivedAt !== "string") throw new Error("fields");
        if (parsed.sum !== sum(parsed.text, parsed.receivedAt)) throw new Error("checksum");
        entries.push({ text: parsed.text, receivedAt: parsed.receivedAt });
      } catch {
        damaged++;
      }
    }
    return { entries, damaged };
  }

  /**
   * Drops the first `count` entries (stored now), keeping any appended meanwhile: the rest is written to a new file
   * that replaces this one in one rename, so a crash leaves either the old journal or the new, never half of one.
   */
  drop(count: number): void {
    const { entries } = this.read();
    const rest = entries.slice(count);
    if (rest.length === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    const next = `${this.path}.next`;
    this.write(rest, "w", next);
    renameSync(next, this.path);
  }
}
