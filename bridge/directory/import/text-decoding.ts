import iconv from "iconv-lite";

/**
 * Files from Outlook and Excel come as UTF-8 (with or without BOM), UTF-16 (Unicode export) or Windows-1251.
 * BOMs decide; otherwise valid UTF-8 wins and anything else is read as 1251.
 */
export function decodeTextFile(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), "utf16be");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, "win1251");
  }
}
