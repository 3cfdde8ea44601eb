import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import iconv from "iconv-lite";

/**
 * Files from Outlook and Excel come as UTF-8 (with or without BOM), UTF-16 (Unicode export) or Windows-1251.
 * BOMs decide; otherwise valid UTF-8 wins and anything else is read as 1251.
 */
export function decodeTextFile(bytes: Buffer): string {
  const decoder = decoderFor(bytes, () => isUtf8(bytes));
  return decoder.write(bytes) + decoder.end();
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function decoderFor(head: Buffer, validUtf8: () => boolean): Decoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return skipping(3, iconv.getDecoder("utf8"));
  if (head[0] === 0xff && head[1] === 0xfe) return skipping(2, iconv.getDecoder("utf16le"));
  if (head[0] === 0xfe && head[1] === 0xff) return skipping(2, iconv.getDecoder("utf16be"));
  return skipping(0, iconv.getDecoder(validUtf8() ? "utf8" : "win1251", { stripBOM: false }));
}

/** Leaves out the BOM's bytes at the start of the first piece. */
function skipping(bom: number, decoder: { write(bytes: Buffer): string; end(): string | undefined }): Decoder {
  let first = true;
  return {
    write: (bytes) => {
      const text = decoder.write(first ? bytes.subarray(bom) : bytes);
      first = false;
      return text;
    },
    end: () => decoder.end() ?? "",
  };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface TextPiece {
  text: string;
  /** Bytes of the file read so far and in all: how far a long import has come. */
  bytesRead: number;
  totalBytes: number;
}

const PIECE_BYTES = 1 << 20;

/**
 * A text file in pieces of about 1 MiB, decoded as `decodeTextFile` would decode it whole, so a file of any size is
 * read in bounded memory. Whether it is UTF-8 is decided by one reading pass that keeps nothing.
 */
export function* readTextPieces(path: string): Generator<TextPiece> {
  const fd = openSync(path, "r");
  try {
    const totalBytes = fstatSync(fd).size;
    const buffer = Buffer.alloc(PIECE_BYTES);
    const readAt = (position: number): Buffer => buffer.subarray(0, readSync(fd, buffer, 0, PIECE_BYTES, position));
    const validUtf8 = (): boolean => {
      const check = new TextDecoder("utf-8", { fatal: true });
      try {
        for (let at = 0; at < totalBytes; at += PIECE_BYTES) check.decode(readAt(at), { stream: true });
        check.decode();
        return true;
      } catch {
        return false;
      }
    };
    const head = Buffer.from(readAt(0));
    const decoder = decoderFor(head, validUtf8);
    let bytesRead = 0;
    while (bytesRead < totalBytes) {
      const bytes = readAt(bytesRead);
      if (bytes.length === 0) break; // the file shrank while it was read
      bytesRead += bytes.length;
      yield { text: decoder.write(bytes), bytesRead, totalBytes };
    }
    yield { text: decoder.end(), bytesRead, totalBytes };
  } finally {
    closeSync(fd);
  }
}
