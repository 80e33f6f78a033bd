// A minimal PNG reader for screenshot checks (8-bit RGB/RGBA, non-interlaced, as Chromium writes
// them): decodes the pixels so a test can count what was drawn instead of comparing file sizes.
import * as fs from "fs";
import * as zlib from "zlib";

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGB triples, row by row. */
  readonly rgb: Uint8Array;
}

export function readPng(file: string): Pixels {
  const buf = fs.readFileSync(file);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs");
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (channels === 0) throw new Error(`unsupported PNG colour type ${data[9]}`);
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) for (let k = 0; k < 3; k++) rgb[(y * width + x) * 3 + k] = cur[x * channels + k];
    prev.set(cur);
  }
  return { width, height, rgb };
}

/** Share of pixels that are not (near) white, and the number of distinct saturated colours (hue buckets of 15 degrees). */
export function drawing(p: Pixels): { inked: number; hues: number } {
  let inked = 0;
  const hues = new Map<number, number>();
  const n = p.width * p.height;
  for (let i = 0; i < n; i++) {
    const r = p.rgb[3 * i];
    const g = p.rgb[3 * i + 1];
    const b = p.rgb[3 * i + 2];
    if (r < 235 || g < 235 || b < 235) inked += 1;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    if (max - min < 60) continue; // grey, black, white: text and axes
    const d = max - min;
    const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    const bucket = Math.floor((h * 60) / 15);
    hues.set(bucket, (hues.get(bucket) ?? 0) + 1);
  }
  // a hue counts when it covers at least 50 pixels (anti-aliasing leaves stray tints)
  return { inked: inked / n, hues: [...hues.values()].filter((c) => c >= 50).length };
}
