// A lossless palette PNG of a rasterised chart: the charts hold a few dozen colours (black, greys, one
// dark red and their anti-aliased edges), so one byte per pixel instead of four makes the PNG about a
// third of resvg's RGBA one. The workbook and the Word report deflate their images once more and Word
// hashes them (SHA-1, in JavaScript), all on the main thread: the smaller PNG is what keeps those cheap.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** zlib's default level: 9 gave 10% smaller charts for four times the time. */
const LEVEL = 6;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export interface Indexed {
  /** Each colour as RGBA packed little-endian (the pixels' own bytes), in order of first appearance. */
  palette: number[];
  /** Scanlines of one filter byte (0, none) and one palette index per pixel. */
  scanlines: Buffer;
}

/** Where an image lies in a larger raster: `stride` pixels a row, its top left pixel at `offset`. */
export interface Region {
  width: number;
  height: number;
  stride: number;
  offset: number;
}

/** The pixels of an RGBA raster as one Uint32 per pixel (a Uint32Array view needs alignment). */
export function pixelWords(rgba: Uint8Array): Uint32Array {
  if (rgba.byteOffset % 4 !== 0) rgba = new Uint8Array(rgba); // a copy at offset 0 (one memcpy)
  return new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2);
}

/**
 * The image as palette indices, or null when it has more than 256 colours or any that is not opaque
 * (then it is written as RGBA). The palette follows the pixels, so the same image gives the same bytes.
 */
export function indexPixels(pixels: Uint32Array, r: Region): Indexed | null {
  const palette: number[] = [];
  const indexOf = new Map<number, number>();
  const scanlines = Buffer.allocUnsafe((r.width + 1) * r.height);
  // Runs of one colour are the rule (background, bars): look a colour up only where it changes.
  let last = -1;
  let lastIndex = 0;
  let o = 0;
  for (let y = 0; y < r.height; y++) {
    scanlines[o++] = 0;
    for (let p = r.offset + y * r.stride, end = p + r.width; p < end; p++) {
      const colour = pixels[p];
      if (colour !== last) {
        let index = indexOf.get(colour);
        if (index === undefined) {
          if (palette.length === 256 || colour >>> 24 !== 0xff) return null;
          index = palette.length;
          palette.push(colour);
          indexOf.set(colour, index);
        }
        last = colour;
        lastIndex = index;
      }
      scanlines[o++] = lastIndex;
    }
  }
  return { palette, scanlines };
}

/** The PNG file of an indexed image (colour type 3, 8 bits per index), deflated on libuv's thread pool. */
export async function palettePng(image: Indexed, width: number, height: number): Promise<Buffer> {
  const plte = Buffer.alloc(image.palette.length * 3);
  image.palette.forEach((colour, i) => {
    plte[3 * i] = colour & 0xff;
    plte[3 * i + 1] = (colour >>> 8) & 0xff;
    plte[3 * i + 2] = (colour >>> 16) & 0xff;
  });
  return pngFile(width, height, 3, image.scanlines, plte);
}

/** The PNG file of a region of an RGBA raster as it is (colour type 6): for an image of many colours. */
export async function rgbaPng(rgba: Uint8Array, r: Region): Promise<Buffer> {
  const scanlines = Buffer.alloc((4 * r.width + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    const from = 4 * (r.offset + y * r.stride);
    scanlines.set(rgba.subarray(from, from + 4 * r.width), y * (4 * r.width + 1) + 1);
  }
  return pngFile(r.width, r.height, 6, scanlines);
}

async function pngFile(width: number, height: number, colourType: 3 | 6, scanlines: Buffer, plte?: Buffer): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per index or per channel
  header[9] = colourType;
  const data = await deflateAsync(scanlines, { level: LEVEL });
  const chunks = [chunk('IHDR', header), ...(plte ? [chunk('PLTE', plte)] : []), chunk('IDAT', data), chunk('IEND', new Uint8Array(0))];
  return Buffer.concat([SIGNATURE, ...chunks]);
}
