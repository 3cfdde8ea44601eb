/**
 * A disk that fills up or turns read-only on cue, for the store's fault tests: a small tmpfs mounted on a folder of
 * its own (the tests run as root, here and in CI). The caller unmounts what it mounted (`umount -l`) in teardown.
 */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Mounts a tmpfs of `kib` KiB on `dir` and returns `dir`. */
export function mountSmallDisk(dir: string, kib: number): string {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${kib}k`, "tmpfs", dir]);
  return dir;
}

/** Writes a file until not one more page fits; returns its path (remove it to free the disk). */
export function fillDisk(dir: string): string {
  const filler = join(dir, "filler");
  const fd = openSync(filler, "w");
  try {
    for (const size of [64 * 1024, 4096, 512]) {
      const block = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}
