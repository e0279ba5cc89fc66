// The app icons, drawn at build time (no binary files in the repository): two linked rings, white on
// the carerlink teal. "any" icons have rounded corners; "maskable" ones fill the square and keep the
// rings inside the central safe zone (a circle of 40% of the size), as the Web App Manifest asks.
import { crc32, deflateSync } from 'node:zlib';

export const THEME_COLOUR = '#1f5f5b';
const BACKGROUND = [0x1f, 0x5f, 0x5b];
const SAMPLES = 4; // per axis, for smooth edges

function ringsCoverage(x, y, scale) {
  // Two rings side by side, overlapping, centred on (0, 0) in a -1..1 square.
  const radius = 0.36 * scale;
  const thickness = 0.11 * scale;
  const offset = 0.2 * scale;
  for (const cx of [-offset, offset]) {
    const d = Math.hypot(x - cx, y);
    if (d <= radius && d >= radius - thickness) return true;
  }
  return false;
}

function insideRoundedSquare(x, y, corner) {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const inner = 1 - corner;
  if (ax <= inner || ay <= inner) return ax <= 1 && ay <= 1;
  return Math.hypot(ax - inner, ay - inner) <= corner;
}

/** RGBA pixels of one icon. */
export function drawIcon(size, { maskable }) {
  const pixels = new Uint8Array(size * size * 4);
  const scale = maskable ? 1.25 : 1.45;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let ring = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          if (maskable || insideRoundedSquare(x, y, 0.36)) background++;
          if (ringsCoverage(x, y, scale)) ring++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const alpha = background / total;
      const white = ring / total;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(BACKGROUND[c] * (1 - white) + 255 * white);
      pixels[i + 3] = Math.round(255 * Math.max(alpha, white));
    }
  }
  return pixels;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) of ``size``×``size`` pixels. */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every icon the manifest and index.html name: file name → PNG bytes. */
export function renderIcons() {
  const icons = {};
  for (const size of [192, 512]) {
    icons[`icon-${size}.png`] = encodePng(size, drawIcon(size, { maskable: false }));
    icons[`icon-${size}-maskable.png`] = encodePng(size, drawIcon(size, { maskable: true }));
  }
  // iOS uses apple-touch-icon for the home screen and draws its own rounded corners.
  icons['apple-touch-icon.png'] = encodePng(180, drawIcon(180, { maskable: true }));
  return icons;
}
