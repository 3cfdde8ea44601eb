/**
 * The tray's two icons, drawn here rather than kept as binaries: a round badge, blue while TelefUM is
 * connected, grey while it is not running. Written as .ico (32-bit BMP images, 16 and 32 px).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Rgb = [number, number, number];

export const TRAY_ICONS: Record<string, Rgb> = {
  "connected.ico": [0x00, 0x78, 0xd4],
  "offline.ico": [0x8a, 0x8a, 0x8a],
};

/** BGRA pixels, bottom-up, of a disc with a white ring: the ring marks "telephony" well enough at 16 px. */
function badge(size: number, [r, g, b]: Rgb): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - centre, y - centre);
      const coverage = Math.max(0, Math.min(1, outer - d + 0.5));
      const ring = Math.abs(d - size * 0.22) < size * 0.06;
      const offset = ((size - 1 - y) * size + x) * 4;
      pixels[offset] = ring ? 255 : b;
      pixels[offset + 1] = ring ? 255 : g;
      pixels[offset + 2] = ring ? 255 : r;
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}

function bmpImage(size: number, color: Rgb): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, badge(size, color), Buffer.alloc(maskRow * size)]);
}

/** The program's own icon (Explorer, the shortcut, Apps & features) wants the larger sizes too. */
export const APP_ICON_SIZES = [16, 32, 48, 256];

export function icoFile(color: Rgb, sizes = [16, 32]): Buffer {
  const images = sizes.map((size) => bmpImage(size, color));
  const directory = Buffer.alloc(6 + 16 * sizes.length);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(sizes.length, 4);
  let offset = directory.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    directory[entry] = size & 0xff; // 0 means 256
    directory[entry + 1] = size & 0xff;
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(images[i]!.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([directory, ...images]);
}

export function writeTrayIcons(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, color] of Object.entries(TRAY_ICONS)) writeFileSync(join(dir, name), icoFile(color));
}
