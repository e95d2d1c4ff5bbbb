/** What a zip says of itself, read from its central directory without unzipping anything. */

/** The sum of the sizes a zip's central directory declares for its entries, or undefined when it cannot be found. */
export function declaredUnzippedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 65 557 bytes.
  const stop = Math.max(0, bytes.length - 65_557);
  for (let eocd = bytes.length - 22; eocd >= stop; eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const entries = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
      const size = view.getUint32(at + 24, true);
      // 0xFFFFFFFF: the real size is in a zip64 extra field, over 4 GB anyway.
      total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
      at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return total;
  }
  return undefined;
}
