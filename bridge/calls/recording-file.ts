/**
 * Which recording file a CALLHISTORY may hand on (finding: any local file was uploaded and shared). The path comes
 * from outside (TelefUM, or whoever plays it): only a regular .wav / .mp3 file, by its header and not only its
 * name, inside a configured recordings folder once every link is resolved, below a size cap. UNC and device paths
 * are refused from the text alone: on Windows merely touching \\host\share sends the user's NTLM hash there.
 */
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { extname, isAbsolute, join, relative, sep } from "node:path";
import { asNumberIn, asStringList, ConfigSection } from "../config/config-checks.js";

export interface RecordingPolicy {
  /** Folders recordings may come from (real paths are compared). */
  folders: string[];
  maxBytes: number;
}

export type RecordingRead = { ok: true; content: Buffer; extension: ".wav" | ".mp3" } | { ok: false; reason: string };

/** TelefUM's own records folder on Windows; elsewhere (the simulator) a folder in the data folder. */
export function defaultRecordingFolders(dataDir: string, platform = process.platform): string[] {
  return platform === "win32" ? ["C:\\TelefUM\\rec"] : [join(dataDir, "recordings")];
}

/** The `recording` section of config.json: `{ "folders": [...], "maxMegabytes": 200 }`. */
export function parseRecordingConfig(raw: unknown, dataDir: string): RecordingPolicy {
  const section = ConfigSection.of(raw, "recording");
  const megabytes = section.get("maxMegabytes", asNumberIn(1, 2048)) ?? 200;
  return {
    folders: section.get("folders", asStringList) ?? defaultRecordingFolders(dataDir),
    maxBytes: Math.round(megabytes * 1024 * 1024),
  };
}

/** Windows device names, which mean a device in any folder and with any extension (nul.wav is the null device). */
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;

/** Why the path is refused from its text alone, before the file system is asked anything. */
function textRefusal(path: string): string | undefined {
  if (/^[\\/]{2}/.test(path)) return "a network (UNC) or device path is never read";
  const parts = path.split(/[\\/]+/);
  if (parts.includes("..")) return 'a path with ".." is not read';
  if (parts.some((part) => DEVICE_NAMES.test(part))) return "a device name is not a recording";
  if (!isAbsolute(path)) return "the path is not absolute";
  const extension = extname(path).toLowerCase();
  if (extension !== ".wav" && extension !== ".mp3") return "only .wav and .mp3 recordings are read";
  return undefined;
}

/** RIFF….WAVE, or an ID3 tag / MPEG frame sync. */
function audioKind(head: Buffer): ".wav" | ".mp3" | undefined {
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WAVE") return ".wav";
  if (head.toString("latin1", 0, 3) === "ID3") return ".mp3";
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0) return ".mp3";
  return undefined;
}

async function insideAny(file: string, folders: readonly string[]): Promise<boolean> {
  for (const folder of folders) {
    if (textRefusal(join(folder, "x.wav"))) continue; // a UNC folder in the config is not followed either
    let real: string;
    try {
      real = await realpath(folder);
    } catch {
      continue; // not there (yet)
    }
    const rel = relative(real, file);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(sep)) return true;
  }
  return false;
}

/** Reads the recording if the policy allows it; otherwise says why, without having read anything. */
export async function readRecording(path: string, policy: RecordingPolicy): Promise<RecordingRead> {
  const refused = textRefusal(path);
  if (refused) return { ok: false, reason: refused };
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { ok: false, reason: "the recording file is not there" };
  }
  if (!(await insideAny(real, policy.folders))) {
    return { ok: false, reason: "the recording is outside the recordings folder (recording.folders)" };
  }
  // O_NOFOLLOW: a link swapped in after realpath is not followed (where the platform has it). O_NONBLOCK: a FIFO
  // named x.wav opens at once (and is refused below) instead of blocking the outbox until someone writes to it.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const handle = await open(real, flags).catch(() => undefined);
  if (!handle) return { ok: false, reason: "the recording file cannot be opened" };
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: "the recording is not a regular file" };
    if (stat.size > policy.maxBytes) {
      return { ok: false, reason: `the recording is larger than ${Math.round(policy.maxBytes / 1048576)} MB` };
    }
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    const kind = audioKind(head.subarray(0, bytesRead));
    if (kind !== extname(real).toLowerCase()) {
      return { ok: false, reason: `the file is not ${extname(real).toLowerCase() === ".wav" ? "WAV" : "MP3"} audio` };
    }
    const content = Buffer.alloc(stat.size);
    const { bytesRead: total } = await handle.read(content, 0, stat.size, 0);
    return { ok: true, content: content.subarray(0, total), extension: kind };
  } finally {
    await handle.close();
  }
}
