/**
 * A zip archive of a few files in memory, with Node's own deflate and CRC-32: what the Microsoft 365 admin center
 * and Outlook's "Add a custom add-in" take as an app package. Entries are flat names (no folders); fixed
 * timestamps, so the same files give the same bytes.
 */
import { crc32, deflateRawSync } from "node:zlib";

/** 1980-01-01 00:00 in MS-DOS time: the zip epoch, so a rebuilt package is byte-identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function header(fields: [number, 2 | 4][]): Buffer {
  const out = Buffer.alloc(fields.reduce((sum, [, size]) => sum + size, 0));
  let at = 0;
  for (const [value, size] of fields) at = size === 2 ? out.writeUInt16LE(value, at) : out.writeUInt32LE(value, at);
  return out;
}

export function zipFiles(files: Readonly<Record<string, Buffer | string>>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`zip entry "${name}": a plain file name only`);
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const packed = deflateRawSync(data, { level: 9 });
    const fileName = Buffer.from(name, "utf8");
    const common: [number, 2 | 4][] = [
      [20, 2], // version needed: 2.0 (deflate)
      [0x0800, 2], // UTF-8 names
      [8, 2], // deflate
      [DOS_TIME, 2],
      [DOS_DATE, 2],
      [crc32(data), 4],
      [packed.length, 4],
      [data.length, 4],
      [fileName.length, 2],
      [0, 2], // extra field length
    ];
    const local = Buffer.concat([header([[0x04034b50, 4], ...common]), fileName, packed]);
    const central = header([
      [0x02014b50, 4],
      [20, 2], // made by: 2.0, MS-DOS attributes
      ...common,
      [0, 2], // comment length
      [0, 2], // disk number
      [0, 2], // internal attributes
      [0, 4], // external attributes
      [offset, 4],
    ]);
    locals.push(local);
    centrals.push(Buffer.concat([central, fileName]));
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = header([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [centrals.length, 2],
    [centrals.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, directory, end]);
}
