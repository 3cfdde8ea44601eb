/**
 * Registry values through advapi32: HKCU strings where TelefUM and the bridge publish their window handles (VB6's
 * SaveSetting/GetSetting keep everything under HKCU\Software\VB and VBA Program Settings as REG_SZ), and the
 * administrator's policy values under HKLM and HKCU (REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ).
 */
import koffi from "koffi";

const advapi32 = koffi.load("advapi32.dll");

/** (HKEY)(ULONG_PTR)(LONG)0x80000001: the predefined key is sign-extended to 64 bits. */
const HKEY_CURRENT_USER = 0xffffffff80000001n;
const HKEY_LOCAL_MACHINE = 0xffffffff80000002n;
const ROOTS = { HKCU: HKEY_CURRENT_USER, HKLM: HKEY_LOCAL_MACHINE } as const;
export type RegistryRoot = keyof typeof ROOTS;
const KEY_SET_VALUE = 0x0002;
const REG_SZ = 1;
const REG_DWORD = 4;
const REG_MULTI_SZ = 7;
const RRF_RT_REG_SZ = 0x00000002;
/**
 * REG_SZ, REG_DWORD, REG_MULTI_SZ. REG_EXPAND_SZ comes with REG_SZ, expanded (RRF_RT_REG_EXPAND_SZ itself is only
 * valid with RRF_NOEXPAND: Windows answers ERROR_INVALID_PARAMETER).
 */
const RRF_RT_POLICY = 0x00000002 | 0x00000010 | 0x00000020;
const ERROR_SUCCESS = 0;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_MORE_DATA = 234;

const RegCreateKeyExW = advapi32.func(
  "int32_t __stdcall RegCreateKeyExW(void *key, str16 subKey, uint32_t reserved, str16 className, uint32_t options, " +
    "uint32_t sam, void *security, _Out_ void **result, _Out_ uint32_t *disposition)",
);
const RegSetValueExW = advapi32.func(
  "int32_t __stdcall RegSetValueExW(void *key, str16 name, uint32_t reserved, uint32_t type, " +
    "const uint8_t *data, uint32_t size)",
);
const RegCloseKey = advapi32.func("int32_t __stdcall RegCloseKey(void *key)");
const RegGetValueW = advapi32.func(
  "int32_t __stdcall RegGetValueW(void *key, str16 subKey, str16 name, uint32_t flags, _Out_ uint32_t *type, " +
    "_Out_ uint8_t *data, _Inout_ uint32_t *size)",
);

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${message} (Win32 error ${status})`);
    this.name = "RegistryError";
  }
}

/** Writes a REG_SZ value under HKCU, creating the key as VB6's SaveSetting would. */
export function writeUserString(subKey: string, name: string, value: string): void {
  const opened: (bigint | null)[] = [null];
  const status = RegCreateKeyExW(HKEY_CURRENT_USER, subKey, 0, null, 0, KEY_SET_VALUE, null, opened, [0]);
  const key = opened[0];
  if (status !== ERROR_SUCCESS || !key) throw new RegistryError(status, `cannot open HKCU\\${subKey}`);
  try {
    const data = Buffer.from(`${value}\0`, "utf16le"); // REG_SZ size includes the terminating NUL
    const written = RegSetValueExW(key, name, 0, REG_SZ, data, data.length);
    if (written !== ERROR_SUCCESS) throw new RegistryError(written, `cannot write HKCU\\${subKey}\\${name}`);
  } finally {
    RegCloseKey(key);
  }
}

/** Reads a REG_SZ value under HKCU; undefined when the key or value does not exist. */
export function readUserString(subKey: string, name: string): string | undefined {
  const value = readValue("HKCU", subKey, name, RRF_RT_REG_SZ);
  return typeof value === "string" ? value : undefined;
}

/** The named values that exist under `root\subKey` (a policy key); a missing key or value is simply absent. */
export function readPolicyValues(
  root: RegistryRoot,
  subKey: string,
  names: readonly string[],
): Record<string, string | number | string[]> {
  const values: Record<string, string | number | string[]> = {};
  for (const name of names) {
    const value = readValue(root, subKey, name, RRF_RT_POLICY);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** One value of a type `flags` allows; undefined when the key or value does not exist. */
function readValue(
  root: RegistryRoot,
  subKey: string,
  name: string,
  flags: number,
): string | number | string[] | undefined {
  let capacity = 64; // a decimal window handle fits; longer values grow the buffer below
  for (;;) {
    const data = Buffer.alloc(capacity);
    const size = [capacity];
    const type = [0];
    const status = RegGetValueW(ROOTS[root], subKey, name, flags, type, data, size);
    if (status === ERROR_FILE_NOT_FOUND) return undefined;
    if (status === ERROR_MORE_DATA && (size[0] ?? 0) > capacity) {
      capacity = size[0] ?? capacity * 2;
      continue;
    }
    if (status !== ERROR_SUCCESS) throw new RegistryError(status, `cannot read ${root}\\${subKey}\\${name}`);
    if (type[0] === REG_DWORD) return data.readUInt32LE(0);
    const text = data.toString("utf16le", 0, size[0] ?? 0);
    // REG_MULTI_SZ: strings each ended by NUL, the list by one more.
    if (type[0] === REG_MULTI_SZ) return text.split("\0").filter((entry) => entry !== "");
    const nul = text.indexOf("\0");
    return nul === -1 ? text : text.slice(0, nul);
  }
}
