#!/usr/bin/env node
/**
 * Draws the Pointage icons (assets/icon-16.png … icon-128.png) with plain Node: no ImageMagick,
 * no canvas package. The mark is a small table (slate header row, light grid) with a green check
 * mark over its lower right corner, on a transparent background.
 *
 * Rendering: every shape is a signed distance function; each pixel is sampled on an 8×8 grid
 * (anti-aliasing) and the layers are composited with "source over". Horizontal and vertical
 * edges are snapped to whole pixels so that the grid stays crisp at 16 and 32 px.
 * The PNG encoder is hand-written (RGBA 8 bit, filter 0, zlib deflate, CRC-32); the output is
 * deterministic, so re-running the script leaves the committed files unchanged.
 *
 *   node scripts/make-icons.js                 writes assets/icon-{16,32,64,80,128}.png
 *   node scripts/make-icons.js --preview DIR   also writes enlarged copies (nearest neighbour)
 *                                              to DIR, handy to inspect the 16 px icon
 *   node scripts/make-icons.js --check         writes nothing; exits 1 if a committed icon
 *                                              differs from what this script draws (pixels are
 *                                              compared, not bytes, so another zlib or a PNG
 *                                              optimiser does not matter; ±8/255 per channel is
 *                                              tolerated for floating-point edge cases)
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUBSAMPLES = 8;

const COLORS = {
  border: [0x44, 0x54, 0x6a], // slate
  header: [0x44, 0x54, 0x6a],
  body: [0xff, 0xff, 0xff],
  grid: [0xa9, 0xb4, 0xc2], // light slate
  gridSmall: [0x8a, 0x96, 0xa6], // a little darker, or the 1 px lines vanish at 16 px
  check: [0x10, 0x7c, 0x10], // green
  halo: [0xff, 0xff, 0xff],
};

// ---------------------------------------------------------------------------------------------
// Shapes: signed distance (negative inside), in pixel units.

function roundRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const ox = Math.max(qx, 0);
    const oy = Math.max(qy, 0);
    return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function rect(x0, y0, x1, y1) {
  return roundRect(x0, y0, x1, y1, 0);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A stroked polyline with round caps and joins. */
function polyline(points, width) {
  return (x, y) => {
    let d = Infinity;
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      d = Math.min(d, segmentDistance(x, y, ax, ay, bx, by));
    }
    return d - width / 2;
  };
}

function intersect(...shapes) {
  return (x, y) => Math.max(...shapes.map((s) => s(x, y)));
}

function union(...shapes) {
  return (x, y) => Math.min(...shapes.map((s) => s(x, y)));
}

// ---------------------------------------------------------------------------------------------
// Raster: straight (non premultiplied) RGBA floats in [0, 1].

function createImage(size) {
  return { size, data: new Float64Array(size * size * 4) };
}

function coverage(shape, px, py) {
  let inside = 0;
  for (let j = 0; j < SUBSAMPLES; j++) {
    for (let i = 0; i < SUBSAMPLES; i++) {
      const x = px + (i + 0.5) / SUBSAMPLES;
      const y = py + (j + 0.5) / SUBSAMPLES;
      if (shape(x, y) <= 0) inside++;
    }
  }
  return inside / (SUBSAMPLES * SUBSAMPLES);
}

function fill(image, shape, rgb) {
  const { size, data } = image;
  const [r, g, b] = rgb.map((c) => c / 255);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const a = coverage(shape, px, py);
      if (a === 0) continue;
      const k = (py * size + px) * 4;
      const da = data[k + 3];
      const oa = a + da * (1 - a);
      data[k] = (r * a + data[k] * da * (1 - a)) / oa;
      data[k + 1] = (g * a + data[k + 1] * da * (1 - a)) / oa;
      data[k + 2] = (b * a + data[k + 2] * da * (1 - a)) / oa;
      data[k + 3] = oa;
    }
  }
}

function toBytes(image) {
  const { size, data } = image;
  const out = Buffer.alloc(size * size * 4);
  for (let k = 0; k < data.length; k++) {
    out[k] = Math.max(0, Math.min(255, Math.round(data[k] * 255)));
  }
  // Fully transparent pixels carry no colour: keeps the files small and deterministic.
  for (let k = 0; k < out.length; k += 4) if (out[k + 3] === 0) out.fill(0, k, k + 3);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The mark.

function drawIcon(size) {
  const image = createImage(size);
  const s = size;
  const snap = (v) => Math.round(v * s);
  const small = s <= 16;

  // Table, in the upper left part so the check mark can overlap its lower right corner.
  const x0 = snap(0.04);
  const y0 = snap(small ? 0.06 : 0.08);
  const x1 = snap(small ? 0.82 : 0.8);
  const y1 = snap(small ? 0.82 : 0.8);
  const border = Math.max(1, Math.round(s / 20));
  const line = Math.max(1, Math.round(s / 40));
  const radius = small ? 1.5 : s * 0.07;

  const outer = roundRect(x0, y0, x1, y1, radius);
  const inner = roundRect(x0 + border, y0 + border, x1 - border, y1 - border, Math.max(0.5, radius - border));
  fill(image, outer, COLORS.border);
  fill(image, inner, COLORS.body);

  // Header row: same colour as the border, so it is clipped to the outer outline (clipping it to
  // the inner one would let white show through at the rounded corners).
  const headerBottom = y0 + Math.max(3, snap(0.2));
  fill(image, intersect(outer, rect(x0, y0, x1, headerBottom)), COLORS.header);

  // Grid: columns and rows below the header.
  const cols = small ? 2 : 3;
  const rows = small ? 2 : 3;
  const gridLines = [];
  for (let c = 1; c < cols; c++) {
    const x = Math.round(x0 + ((x1 - x0) * c) / cols);
    gridLines.push(rect(x - line / 2, headerBottom, x + line / 2, y1));
  }
  for (let r = 1; r < rows; r++) {
    const y = Math.round(headerBottom + ((y1 - headerBottom) * r) / rows);
    gridLines.push(rect(x0, y - line / 2, x1, y + line / 2));
  }
  fill(image, intersect(inner, union(...gridLines)), small ? COLORS.gridSmall : COLORS.grid);

  // Check mark with a white halo that separates it from the grid.
  const check = [
    [0.44 * s, 0.68 * s],
    [0.62 * s, 0.86 * s],
    [0.95 * s, 0.46 * s],
  ];
  const stroke = Math.max(2.2, s * 0.13);
  const halo = Math.max(1, s * 0.045);
  fill(image, polyline(check, stroke + 2 * halo), COLORS.halo);
  fill(image, polyline(check, stroke), COLORS.check);

  return image;
}

// ---------------------------------------------------------------------------------------------
// PNG encoder.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, payload) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), payload]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (any filter) into its pixels, or undefined. */
function decodePng(png) {
  const signature = "89504e470d0a1a0a";
  if (png.length < 8 || png.subarray(0, 8).toString("hex") !== signature) return undefined;
  let width = 0;
  let height = 0;
  const idat = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) return undefined;
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

function samePixels(png, size, rgba) {
  const decoded = decodePng(png);
  if (!decoded || decoded.width !== size || decoded.height !== size) return false;
  for (let k = 0; k < rgba.length; k++) if (Math.abs(decoded.rgba[k] - rgba[k]) > 8) return false;
  return true;
}

function enlarge(rgba, size, factor) {
  const big = size * factor;
  const out = Buffer.alloc(big * big * 4);
  for (let y = 0; y < big; y++) {
    for (let x = 0; x < big; x++) {
      const from = (Math.floor(y / factor) * size + Math.floor(x / factor)) * 4;
      rgba.copy(out, (y * big + x) * 4, from, from + 4);
    }
  }
  return { big, out };
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
  const root = path.resolve(__dirname, "..");
  const assets = path.join(root, "assets");
  const check = argv.includes("--check");
  const previewIndex = argv.indexOf("--preview");
  const previewDir = previewIndex >= 0 ? argv[previewIndex + 1] : undefined;
  if ((previewIndex >= 0 && !previewDir) || (check && previewDir)) {
    console.error("Usage : node scripts/make-icons.js [--preview DOSSIER | --check]");
    process.exit(2);
  }
  if (!check) fs.mkdirSync(assets, { recursive: true });
  if (previewDir) fs.mkdirSync(previewDir, { recursive: true });

  const stale = [];
  for (const size of SIZES) {
    const rgba = toBytes(drawIcon(size));
    const png = encodePng(size, size, rgba);
    const file = path.join(assets, `icon-${size}.png`);
    const name = path.relative(root, file);
    if (check) {
      if (!fs.existsSync(file) || !samePixels(fs.readFileSync(file), size, rgba)) stale.push(name);
      continue;
    }
    fs.writeFileSync(file, png);
    console.log(`${name} (${size}×${size})`);
    if (previewDir) {
      const factor = Math.max(1, Math.floor(256 / size));
      const { big, out } = enlarge(rgba, size, factor);
      fs.writeFileSync(path.join(previewDir, `icon-${size}-x${factor}.png`), encodePng(big, big, out));
    }
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`Icônes à régénérer (node scripts/make-icons.js) : ${stale.join(", ")}`);
      process.exit(1);
    }
    console.log(`Icônes à jour : ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);
  }
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { SIZES, drawIcon, encodePng, decodePng, crc32 };
