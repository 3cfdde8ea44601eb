/**
 * Bytes ⇄ text for the WM_COPYDATA payload. TelefUM is a VB6 program: ANSI code page 1251 by default.
 */
import iconv from "iconv-lite";
import { bestFitCp1251, nearestCp1251, notCarriedByCp1251 } from "./cp1251-best-fit.js";

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

/** A character the encoding could not carry and what went in its place ("" when it was left out). */
export interface WireReplacement {
  char: string;
  fit: string;
}

/** What the other end reads of `text` after `encodeWire`, and which characters the encoding replaced or left out. */
export function asReceived(
  text: string,
  encoding: WireEncoding = DEFAULT_WIRE_ENCODING,
): { text: string; replaced: WireReplacement[] } {
  const received = decodeWire(encodeWire(text, encoding), encoding);
  if (encoding !== "cp1251") return { text: received, replaced: [] };
  return {
    text: received,
    replaced: notCarriedByCp1251(text).map((char) => ({ char, fit: nearestCp1251(char) ?? "" })),
  };
}

/** Bytes → text for a stream whose chunks may end inside a character (stdin). */
export function wireDecoder(encoding: WireEncoding = DEFAULT_WIRE_ENCODING): { write(bytes: Buffer): string } {
  return iconv.getDecoder(encoding === "cp1251" ? "win1251" : encoding);
}
