// Draws the add-in's icons as real PNGs (no image tools needed): node src/assets/make-icons.mjs
// app-*.png: brand tile with a handset; call-*.png: handset; sms-*.png: speech bubble.
// appPackage/color.png (192) and outline.png (32): the unified manifest's two icons (a full-colour tile; a white
// outline on transparent). Sizes per Outlook's manifest rules.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const BRAND = [15, 108, 189];
const WHITE = [255, 255, 255];

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1, y down); each returns true when the point is inside.
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
function handset(x, y) {
  const cx = 0.8,
    cy = 0.2,
    r = 0.52;
  const dx = x - cx,
    dy = y - cy;
  const d = Math.hypot(dx, dy);
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI; // 90 = straight down, 180 = left
  if (Math.abs(d - r) <= 0.085 && angle >= 100 && angle <= 170) return true;
  const end = (a) => [cx + r * Math.cos((a * Math.PI) / 180), cy + r * Math.sin((a * Math.PI) / 180)];
  const [ax, ay] = end(97),
    [bx, by] = end(173);
  return circle(ax, ay, 0.13)(x, y) || circle(bx, by, 0.13)(x, y);
}
function bubble(x, y) {
  const tail = y >= 0.7 && y <= 0.9 && x >= 0.22 && x <= 0.42 && x - 0.22 <= (0.9 - y) * 1.0;
  return roundedRect(0.08, 0.14, 0.92, 0.74, 0.14)(x, y) || tail;
}
const dots = (x, y) => [0.3, 0.5, 0.7].some((cx) => circle(cx, 0.44, 0.065)(x, y));

/** Paints with 4x4 supersampling; layers are [shape, rgb] from bottom to top. */
function render(size, layers) {
  const out = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size,
            y = (py + (sy + 0.5) / S) / size;
          let color;
          for (const [shape, rgb] of layers) if (shape(x, y)) color = rgb;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = r / a;
        out[i + 1] = g / a;
        out[i + 2] = b / a;
      }
      out[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return png(size, out);
}

const inset = (shape, k) => (x, y) => shape((x - 0.5) / k + 0.5, (y - 0.5) / k + 0.5);
const icons = {
  app: [
    [roundedRect(0, 0, 1, 1, 0.18), BRAND],
    [inset(handset, 0.7), WHITE],
  ],
  call: [[handset, BRAND]],
  sms: [
    [bubble, BRAND],
    [dots, WHITE],
  ],
};
const sizes = { app: [16, 32, 64, 80, 128], call: [16, 32, 80], sms: [16, 32, 80] };
for (const [name, layers] of Object.entries(icons)) {
  for (const size of sizes[name]) writeFileSync(join(here, `${name}-${size}.png`), render(size, layers));
}
const appPackage = join(here, "..", "..", "appPackage");
mkdirSync(appPackage, { recursive: true });
writeFileSync(join(appPackage, "color.png"), render(192, icons.app));
writeFileSync(join(appPackage, "outline.png"), render(32, [[inset(handset, 0.8), WHITE]]));
console.log("icons written to", here, "and", appPackage);
