/**
 * Which user runs the other end of a loopback connection, the Windows same-user check (see
 * same-user/connection-owner.ts): GetExtendedTcpTable maps the client's TCP port to the process that owns it; that
 * process's token names its user SID, compared byte for byte with ours. Loopback is
 * shared by every session on a Windows machine (fast user switching, Remote Desktop), so this is what keeps
 * another user's programs away from the bridge.
 */
import koffi from "koffi";
import {
  addressBytes,
  type ConnectionEnds,
  oncePerTurn,
  type PeerUserCheck,
  type PeerVerdict,
} from "../same-user/connection-owner.js";
import { CloseHandle } from "./kernel32.js";

const iphlpapi = koffi.load("iphlpapi.dll");
const kernel32 = koffi.load("kernel32.dll");
const advapi32 = koffi.load("advapi32.dll");

const GetExtendedTcpTable = iphlpapi.func("__stdcall", "GetExtendedTcpTable", "uint32_t", [
  "void *",
  koffi.inout(koffi.pointer("uint32_t")),
  "int",
  "uint32_t",
  "int",
  "uint32_t",
]);
const OpenProcess = kernel32.func("void * __stdcall OpenProcess(uint32_t access, int inherit, uint32_t pid)");
const GetCurrentProcess = kernel32.func("void * __stdcall GetCurrentProcess()");
const OpenProcessToken = advapi32.func(
  "int __stdcall OpenProcessToken(void *process, uint32_t access, _Out_ void **token)",
);
const GetTokenInformation = advapi32.func(
  "int __stdcall GetTokenInformation(void *token, int cls, void *info, uint32_t length, _Out_ uint32_t *returned)",
);
const GetLengthSid = advapi32.func("uint32_t __stdcall GetLengthSid(void *sid)");
const GetProcessTimes = kernel32.func(
  "int __stdcall GetProcessTimes(void *process, _Out_ uint64_t *created, _Out_ uint64_t *exited, " +
    "_Out_ uint64_t *kernel, _Out_ uint64_t *user)",
);

const AF_INET = 2;
const AF_INET6 = 23;
const TCP_TABLE_OWNER_PID_ALL = 5;
const ERROR_INSUFFICIENT_BUFFER = 122;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_USER_CLASS = 1;
/** MIB_TCPROW_OWNER_PID and MIB_TCP6ROW_OWNER_PID sizes; each table starts with a DWORD count. */
const ROW4 = 24;
const ROW6 = 56;

function tcpTable(af: number): Buffer {
  const size = [0];
  for (let attempt = 0; attempt < 8; attempt++) {
    // Room to spare: on a busy machine connections come and go between the size query and the read.
    const table = Buffer.alloc(Math.max(size[0]! * 2 + 4096, 4));
    const status = GetExtendedTcpTable(table, size, 0, af, TCP_TABLE_OWNER_PID_ALL, 0) as number;
    if (status === 0) return table;
    if (status !== ERROR_INSUFFICIENT_BUFFER) throw new Error(`GetExtendedTcpTable failed: ${status}`);
  }
  throw new Error("GetExtendedTcpTable: the table kept growing");
}

/** Ports sit in the low 16 bits of a DWORD, in network byte order. */
const portAt = (table: Buffer, offset: number): number => table.readUInt16BE(offset);

const endKey = (address: Buffer, port: number): string => `${address.toString("hex")}:${port}`;

/** Every TCP socket of both tables by its two ends (`local>remote`, addressBytes' 16 bytes) to its owner's PID. */
function readOwners(): Map<string, number> {
  const owners = new Map<string, number>();
  const mapped = (v4: Buffer) => Buffer.concat([addressBytes("::ffff:0.0.0.0").subarray(0, 12), v4]);
  const v4 = tcpTable(AF_INET);
  for (let i = 0, row = 4; i < v4.readUInt32LE(0); i++, row += ROW4) {
    const local = endKey(mapped(v4.subarray(row + 4, row + 8)), portAt(v4, row + 8));
    const remote = endKey(mapped(v4.subarray(row + 12, row + 16)), portAt(v4, row + 16));
    owners.set(`${local}>${remote}`, v4.readUInt32LE(row + 20));
  }
  const v6 = tcpTable(AF_INET6);
  for (let i = 0, row = 4; i < v6.readUInt32LE(0); i++, row += ROW6) {
    const local = endKey(v6.subarray(row, row + 16), portAt(v6, row + 20));
    const remote = endKey(v6.subarray(row + 24, row + 40), portAt(v6, row + 44));
    owners.set(`${local}>${remote}`, v6.readUInt32LE(row + 52));
  }
  return owners;
}

/** Read once per turn of the event loop: a burst of accepted connections costs one table read (see proc-net-tcp.ts). */
const tcpOwners = oncePerTurn(readOwners);

/** The PID owning the client's socket: its local end is our remote end, its remote end our local end. */
export function owningPid(ends: ConnectionEnds): number | undefined {
  const key =
    `${endKey(addressBytes(ends.remoteAddress), ends.remotePort)}>` +
    endKey(addressBytes(ends.localAddress), ends.localPort);
  // Not in this turn's read: accepted after it, so read again.
  return tcpOwners().get(key) ?? tcpOwners(true).get(key);
}

/** The user SID of a process (its bytes), read from its token; undefined when the process can't be opened. */
function userSidOfProcess(process: unknown): Buffer | undefined {
  const token = [null as unknown];
  if (!OpenProcessToken(process, TOKEN_QUERY, token)) return undefined;
  try {
    const length = [0];
    GetTokenInformation(token[0], TOKEN_USER_CLASS, null, 0, length);
    if (length[0] === 0) return undefined;
    const info = koffi.alloc("uint8_t", length[0]!);
    try {
      if (!GetTokenInformation(token[0], TOKEN_USER_CLASS, info, length[0]!, length)) return undefined;
      // TOKEN_USER starts with the SID's address (SID_AND_ATTRIBUTES.Sid), which points inside `info`.
      const sid = koffi.decode(info, "void *") as unknown;
      return Buffer.from(koffi.view(sid, GetLengthSid(sid) as number).slice(0));
    } finally {
      koffi.free(info);
    }
  } finally {
    CloseHandle(token[0]);
  }
}

/** When a process started (FILETIME ticks): with its PID, what names one process and never a later one. */
function startTime(process: unknown): bigint | undefined {
  const [created, exited, kernel, user] = [[0n], [0n], [0n], [0n]];
  if (!GetProcessTimes(process, created, exited, kernel, user)) return undefined;
  return BigInt(created[0]!);
}

function ourSid(): Buffer {
  const ours = userSidOfProcess(GetCurrentProcess());
  if (!ours) throw new Error("cannot read this process's user SID");
  return ours;
}

/** What was decided about a PID, and for which process: a PID is reused once its process ends. */
export type OwnerCache = Map<number, { started: bigint | undefined; verdict: PeerVerdict }>;

/**
 * Whether process `pid` runs as this process's user (its token's user SID is ours). With `cache`, a PID decided
 * before is trusted again only while its process's start time is the same; otherwise its token is read anew.
 */
export function runsAsUs(pid: number, ours = ourSid(), cache?: OwnerCache): PeerVerdict {
  // PID 0 is the idle process: the table names no real owner (Wine always says 0).
  if (pid === 0) return { same: false, reason: "the TCP table names no owner process" };
  // Another user's process can't even be opened for a query; a process we can open may still be another user's.
  const process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) as unknown;
  if (!process) return { same: false, reason: `process ${pid} cannot be inspected (another user's?)` };
  try {
    const started = startTime(process);
    const known = cache?.get(pid);
    if (known && started !== undefined && known.started === started) return known.verdict;
    const theirs = userSidOfProcess(process);
    const verdict: PeerVerdict = !theirs
      ? { same: false, reason: `process ${pid} cannot be inspected (another user's?)` }
      : theirs.equals(ours)
        ? { same: true }
        : { same: false, reason: `process ${pid} runs as another user` };
    cache?.set(pid, { started, verdict });
    return verdict;
  } finally {
    CloseHandle(process);
  }
}

export function windowsPeerCheck(): PeerUserCheck {
  const ours = ourSid();
  const cache: OwnerCache = new Map();
  return (ends): PeerVerdict => {
    const pid = owningPid(ends);
    if (pid === undefined) return { same: false, reason: "the client's socket is not in the TCP table" };
    // Bounded: the cache holds the PIDs seen lately, not every PID ever.
    if (cache.size > 1024) cache.clear();
    return runsAsUs(pid, ours, cache);
  };
}

/** A process's start time by PID (the re-check's key), for the Wine probe. */
export function processStartTime(pid: number): bigint | undefined {
  const process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) as unknown;
  if (!process) return undefined;
  try {
    return startTime(process);
  } finally {
    CloseHandle(process);
  }
}
