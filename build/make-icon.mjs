// Draws the app icon and writes it as PNG: build/icon.png (1024 px, macOS and Windows) and
// build/icons/<size>x<size>.png (Linux). Plain Node, no image library: shapes are tested per
// sample point, 4×4 samples a pixel for smooth edges. Run `node build/make-icon.mjs` after
// changing the drawing; the PNGs are committed.
//
// The drawing: on an indigo-to-teal rounded square, two rising bars and an arrow, the rows
// of a file going up as events.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const here = import.meta.dirname;

/** Everything on a 1024 grid, scaled to the output size. Apple's grid: an 824 square. */
const TILE = { x0: 100, y0: 100, x1: 924, y1: 924, radius: 185 };
const TOP_LEFT = [67, 56, 202]; // #4338CA
const BOTTOM_RIGHT = [13, 148, 136]; // #0D9488
// Placed so the whole glyph, the arrow head's overhang included, sits in the tile's centre.
const BARS = [
  { x0: 248, x1: 360, y0: 556, y1: 756, radius: 28 },
  { x0: 432, x1: 544, y0: 436, y1: 756, radius: 28 },
  // The arrow's shaft; its head is the triangle below.
  { x0: 616, x1: 728, y0: 440, y1: 756, radius: 28 },
];
const HEAD = { apexX: 672, apexY: 268, baseY: 468, halfWidth: 104 };
const SAMPLES = 4;

const OUTPUTS = [
  [1024, 'icon.png'],
  [1024, 'icons/1024x1024.png'],
  [512, 'icons/512x512.png'],
  [256, 'icons/256x256.png'],
];

function main() {
  for (const [size, file] of OUTPUTS) {
    const target = path.join(here, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, encodePng(size, size, draw(size)));
    console.log(`${path.relative(process.cwd(), target)}  ${size}×${size}`);
  }
}

/** RGBA pixels of the icon at `size` × `size`. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          const color = colorAt(x, y);
          if (!color) continue;
          // Premultiplied, so edge samples blend without dark fringes.
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

/** The colour at a point, or null outside the tile. */
function colorAt(x, y) {
  if (!inRoundedRect(x, y, TILE)) return null;
  if (BARS.some((bar) => inRoundedRect(x, y, bar)) || inHead(x, y)) return [255, 255, 255];

  // Diagonal gradient, top left to bottom right.
  const t = clamp((x - TILE.x0 + (y - TILE.y0)) / (TILE.x1 - TILE.x0 + (TILE.y1 - TILE.y0)));
  return TOP_LEFT.map((from, i) => from + (BOTTOM_RIGHT[i] - from) * t);
}

function inRoundedRect(x, y, { x0, y0, x1, y1, radius }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = clampTo(x, x0 + radius, x1 - radius);
  const cy = clampTo(y, y0 + radius, y1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function inHead(x, y) {
  const { apexX, apexY, baseY, halfWidth } = HEAD;
  if (y < apexY || y > baseY) return false;
  const reach = (halfWidth * (y - apexY)) / (baseY - apexY);
  return Math.abs(x - apexX) <= reach;
}

function clamp(value) {
  return clampTo(value, 0, 1);
}

function clampTo(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT, IEND. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Compression, filter and interlace methods: all 0.

  // Each scanline starts with its filter type; 0 (none) leaves the work to deflate.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

main();
