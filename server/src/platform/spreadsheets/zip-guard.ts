import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Sum of the entries' real sizes once unpacked. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

export type ZipProblem = 'notZip' | 'tooLarge';

/**
 * An .xlsx is a zip, and a small zip can unpack to gigabytes. Before any spreadsheet library sees an
 * upload, every entry of its central directory (what JSZip, and so exceljs, reads) is unpacked here
 * with a hard cap on the output, so a lying size or a compression bomb is refused rather than unpacked.
 * Returns null when the file is fine.
 */
export function checkZip(buf: Buffer, limits: ZipLimits): ZipProblem | null {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return 'notZip';
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: no spreadsheet within our size limit needs them.
  if (entries === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return 'notZip';
  if (entries === 0) return 'notZip';
  if (entries > limits.maxEntries) return 'tooLarge';

  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return 'notZip';
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) return 'notZip'; // encrypted
    if (method !== 0 && method !== 8) return 'notZip';
    total += size;
    if (total > limits.maxUnpackedBytes) return 'tooLarge';
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return 'notZip';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packed > buf.length) return 'notZip';
    const data = buf.subarray(start, start + packed);
    if (method === 0) {
      if (packed !== size) return 'notZip';
      continue;
    }
    try {
      // Allowed one byte more than declared: filling it proves the declared size a lie.
      const out = inflateRawSync(data, { maxOutputLength: size + 1 });
      if (out.length !== size) return 'notZip';
    } catch (err) {
      return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : 'notZip';
    }
  }
  return null;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}
