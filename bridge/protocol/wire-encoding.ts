/**
 * Bytes ⇄ text for the WM_COPYDATA payload. TelefUM is a VB6 program: ANSI code page 1251 by default.
 */
import iconv from "iconv-lite";
import { bestFitCp1251 } from "./cp1251-best-fit.js";

export type WireEncoding = "cp1251" | "utf16le" | "utf8";
export const WIRE_ENCODINGS: readonly WireEncoding[] = ["cp1251", "utf16le", "utf8"];
export const DEFAULT_WIRE_ENCODING: WireEncoding = "cp1251";

export function isWireEncoding(value: string): value is WireEncoding {
  return (WIRE_ENCODINGS as readonly string[]).includes(value);
}

/** Decodes a payload; C-string senders often include the terminating NUL(s) in cbData, so trailing NULs are dropped. */
export function decodeWire(bytes: Uint8Array, encoding: WireEncoding = DEFAULT_WIRE_ENCODING): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = buffer.length;
  if (encoding === "utf16le") {
    end -= end % 2;
    while (end >= 2 && buffer[end - 1] === 0 && buffer[end - 2] === 0) end -= 2;
  } else {
    while (end > 0 && buffer[end - 1] === 0) end--;
  }
  return iconv.decode(buffer.subarray(0, end), encoding === "cp1251" ? "win1251" : encoding);
}

/** Encodes text without a terminating NUL: cbData carries the length. For cp1251, what it lacks gets its best fit. */
export function encodeWire(text: string, encoding: WireEncoding = DEFAULT_WIRE_ENCODING): Buffer {
  if (encoding === "cp1251") return iconv.encode(bestFitCp1251(text), "win1251");
  return iconv.encode(text, encoding);
}
