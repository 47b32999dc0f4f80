// Regenerates the PNG app icons in public/ (same design as public/icon.svg).
// Dependency-free: draws into an RGBA buffer and encodes a PNG with node:zlib.
// Usage: node scripts/gen-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));

function draw(size, { maskable }) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 64; // design grid is 64x64 (see icon.svg)
  // Maskable icons keep content inside the central 80% safe zone.
  const inset = maskable ? 0.1 * size : 0;
  const k = maskable ? 0.8 * s : s;
  const rect = (x, y, w, h, r, color, absolute = false) => {
    const [R, G, B] = hex(color);
    const X = absolute ? x : inset + x * k;
    const Y = absolute ? y : inset + y * k;
    const W = absolute ? w : w * k;
    const H = absolute ? h : h * k;
    const rad = absolute ? r : r * k;
    for (let py = Math.floor(Y); py < Math.ceil(Y + H); py++) {
      for (let qx = Math.floor(X); qx < Math.ceil(X + W); qx++) {
        if (qx < 0 || py < 0 || qx >= size || py >= size) continue;
        const cx = Math.min(Math.max(qx + 0.5, X + rad), X + W - rad);
        const cy = Math.min(Math.max(py + 0.5, Y + rad), Y + H - rad);
        if ((qx + 0.5 - cx) ** 2 + (py + 0.5 - cy) ** 2 > rad * rad) continue;
        const i = (py * size + qx) * 4;
        px[i] = R;
        px[i + 1] = G;
        px[i + 2] = B;
        px[i + 3] = 255;
      }
    }
  };
  if (maskable) rect(0, 0, size, size, 0, '#0b3d91', true);
  else rect(0, 0, 64, 64, 12, '#0b3d91');
  rect(10, 14, 44, 10, 2, '#ffffff');
  rect(10, 28, 20, 22, 2, '#7fb3ff');
  rect(34, 28, 20, 22, 2, '#7fb3ff');
  return encodePng(size, px);
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), draw(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), draw(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', out), draw(512, { maskable: true }));
console.log('wrote public/icon-192.png, public/icon-512.png, public/icon-maskable-512.png');
