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
  isMappedIPv4,
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

/** The PID owning the client's socket: its local end is our remote end, its remote end our local end. */
export function owningPid(ends: ConnectionEnds): number | undefined {
  const client6 = addressBytes(ends.remoteAddress);
  const server6 = addressBytes(ends.localAddress);
  if (isMappedIPv4(client6) && isMappedIPv4(server6)) {
    const [client, server] = [client6.subarray(12), server6.subarray(12)];
    const table = tcpTable(AF_INET);
    for (let i = 0, row = 4; i < table.readUInt32LE(0); i++, row += ROW4) {
      if (!table.subarray(row + 4, row + 8).equals(client) || portAt(table, row + 8) !== ends.remotePort) continue;
      if (!table.subarray(row + 12, row + 16).equals(server) || portAt(table, row + 16) !== ends.localPort) continue;
      return table.readUInt32LE(row + 20);
    }
    return undefined;
  }
  const table = tcpTable(AF_INET6);
  for (let i = 0, row = 4; i < table.readUInt32LE(0); i++, row += ROW6) {
    if (!table.subarray(row, row + 16).equals(client6) || portAt(table, row + 20) !== ends.remotePort) continue;
    if (!table.subarray(row + 24, row + 40).equals(server6) || portAt(table, row + 44) !== ends.localPort) continue;
    return table.readUInt32LE(row + 52);
  }
  return undefined;
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

function userSidOfPid(pid: number): Buffer | undefined {
  const process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) as unknown;
  if (!process) return undefined;
  try {
    return userSidOfProcess(process);
  } finally {
    CloseHandle(process);
  }
}

function ourSid(): Buffer {
  const ours = userSidOfProcess(GetCurrentProcess());
  if (!ours) throw new Error("cannot read this process's user SID");
  return ours;
}

/** Whether process `pid` runs as this process's user (its token's user SID is ours). */
export function runsAsUs(pid: number, ours = ourSid()): PeerVerdict {
  // PID 0 is the idle process: the table names no real owner (Wine always says 0).
  if (pid === 0) return { same: false, reason: "the TCP table names no owner process" };
  // Another user's process can't even be opened for a query; a process we can open may still be another user's.
  const theirs = userSidOfPid(pid);
  if (!theirs) return { same: false, reason: `process ${pid} cannot be inspected (another user's?)` };
  return theirs.equals(ours) ? { same: true } : { same: false, reason: `process ${pid} runs as another user` };
}

export function windowsPeerCheck(): PeerUserCheck {
  const ours = ourSid();
  return (ends): PeerVerdict => {
    const pid = owningPid(ends);
    if (pid === undefined) return { same: false, reason: "the client's socket is not in the TCP table" };
    return runsAsUs(pid, ours);
  };
}
