/** The kernel32 calls the whole Windows room shares, bound once: the last error, module and handle lifetimes. */
import koffi from "koffi";

const kernel32 = koffi.load("kernel32.dll");

/** A window, module or kernel object handle as koffi gives it to JS: `void *` is a BigInt, NULL is null. */
export type Handle = bigint;

export const GetModuleHandleW = kernel32.func("void * __stdcall GetModuleHandleW(str16 name)");
export const GetLastError = kernel32.func("uint32_t __stdcall GetLastError()");
export const SetLastError = kernel32.func("void __stdcall SetLastError(uint32_t code)");
export const CloseHandle = kernel32.func("int __stdcall CloseHandle(void *handle)");
