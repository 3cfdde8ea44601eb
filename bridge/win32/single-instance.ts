/**
 * One bridge per user session, and a way to stop it from outside (`bridge.exe --quit`, the uninstaller):
 * - a named mutex, owned by the running bridge's main thread until the process ends: a second start finds
 *   it taken and exits; Windows releases it (as "abandoned") however the process ends, crash included;
 * - a named event the running bridge polls: --quit sets it, then waits on the mutex until the bridge is gone.
 * "Local\" names live in the user's logon session, so other users on the machine have their own.
 */
import koffi from "koffi";
import { CloseHandle, GetLastError, type Handle } from "./kernel32.js";

const kernel32 = koffi.load("kernel32.dll");

const CreateMutexW = kernel32.func("void * __stdcall CreateMutexW(void *attributes, int initialOwner, str16 name)");
const OpenMutexW = kernel32.func("void * __stdcall OpenMutexW(uint32_t access, int inherit, str16 name)");
const ReleaseMutex = kernel32.func("int __stdcall ReleaseMutex(void *mutex)");
const CreateEventW = kernel32.func(
  "void * __stdcall CreateEventW(void *attributes, int manualReset, int initialState, str16 name)",
);
const OpenEventW = kernel32.func("void * __stdcall OpenEventW(uint32_t access, int inherit, str16 name)");
const SetEvent = kernel32.func("int __stdcall SetEvent(void *event)");
const ResetEvent = kernel32.func("int __stdcall ResetEvent(void *event)");
const WaitForSingleObject = kernel32.func("uint32_t __stdcall WaitForSingleObject(void *handle, uint32_t ms)");

const ERROR_ALREADY_EXISTS = 183;
const SYNCHRONIZE = 0x00100000;
const EVENT_MODIFY_STATE = 0x0002;
const WAIT_OBJECT_0 = 0;
const WAIT_ABANDONED = 0x80;
const WAIT_TIMEOUT = 0x102;

const MUTEX_NAME = "Local\\TelefUM.OutlookBridge.Instance";
const QUIT_EVENT_NAME = "Local\\TelefUM.OutlookBridge.Quit";

export interface InstanceClaim {
  /** Calls onQuit (once) when `--quit` asks this bridge to stop; polled, so it costs nothing in between. */
  watchQuit(onQuit: () => void, intervalMs?: number): void;
  /**
   * Stops watching. The mutex stays owned until the process ends: Windows then marks it abandoned, which
   * is what --quit waits for, so the installer replaces bridge.exe only once this process has really gone.
   */
  release(): void;
}

/** Claims the per-user bridge instance; undefined when another bridge already holds it. */
export function claimSingleInstance(): InstanceClaim | undefined {
  const mutex = CreateMutexW(null, 1, MUTEX_NAME) as Handle | null;
  const existed = (GetLastError() as number) === ERROR_ALREADY_EXISTS;
  if (!mutex) throw new Error(`CreateMutexW failed (Win32 error ${GetLastError()})`);
  if (existed) {
    CloseHandle(mutex);
    return undefined;
  }
  // Manual reset, so a --quit that lands between two polls is not lost.
  const quit = CreateEventW(null, 1, 0, QUIT_EVENT_NAME) as Handle | null;
  if (!quit) {
    ReleaseMutex(mutex);
    CloseHandle(mutex);
    throw new Error(`CreateEventW failed (Win32 error ${GetLastError()})`);
  }
  ResetEvent(quit); // a --quit aimed at a bridge that has since gone must not stop this one
  let timer: NodeJS.Timeout | undefined;
  let released = false;
  return {
    watchQuit(onQuit, intervalMs = 250) {
      timer = setInterval(() => {
        if (WaitForSingleObject(quit, 0) !== WAIT_OBJECT_0) return;
        clearInterval(timer);
        onQuit();
      }, intervalMs);
      timer.unref();
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      CloseHandle(quit);
    },
  };
}

export type QuitResult = "stopped" | "not-running" | "timeout";

/**
 * Asks the running bridge to stop and waits until it has (its mutex is released or abandoned).
 * Blocks the calling thread: it is a one-shot command.
 */
export function quitRunningInstance(timeoutMs = 20_000): QuitResult {
  const mutex = OpenMutexW(SYNCHRONIZE, 0, MUTEX_NAME) as Handle | null;
  if (!mutex) return "not-running";
  try {
    const quit = OpenEventW(EVENT_MODIFY_STATE, 0, QUIT_EVENT_NAME) as Handle | null;
    if (!quit) return "not-running";
    SetEvent(quit);
    CloseHandle(quit);
    const waited = WaitForSingleObject(mutex, timeoutMs) as number;
    if (waited === WAIT_TIMEOUT) return "timeout";
    if (waited === WAIT_OBJECT_0 || waited === WAIT_ABANDONED) ReleaseMutex(mutex);
    return "stopped";
  } finally {
    CloseHandle(mutex);
  }
}
