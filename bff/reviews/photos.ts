/**
 * ID-card photos for offline verification, pure (docs/DOMAIN.md §4, issue #5): the type is
 * decided by the bytes, not the name; metadata (EXIF with GPS, comments, text chunks) is
 * stripped and nothing else — the picture itself stays exactly as uploaded.
 *
 * Fails closed (issue #11): a file whose structure cannot be walked to its image data answers
 * `null` and is refused, never stored as it came — metadata we could not find is metadata we
 * could not remove.
 */

import type { PhotoType } from '../../shared/images'

/** JPEG: drop APP1–APP15 (EXIF, XMP, …) and COM segments; keep APP0 (JFIF) and everything else. */
function stripJpeg(b: Buffer): Buffer | null {
  const parts: Buffer[] = [b.subarray(0, 2)]
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null // not a segment boundary: not a file we can clean
    const marker = b[i + 1]
    if (marker === 0xda) {
      parts.push(b.subarray(i)) // start of scan: the image data and the rest, untouched
      return Buffer.concat(parts)
    }
    const len = b.readUInt16BE(i + 2)
    const end = i + 2 + len
    if (len < 2 || end > b.length) return null
    const isMetadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe
    if (!isMetadata) parts.push(b.subarray(i, end))
    i = end
  }
  return null // no start of scan: no picture to keep
}

const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'])

function stripPng(b: Buffer): Buffer | null {
  const parts: Buffer[] = [b.subarray(0, 8)]
  let i = 8
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    const end = i + 12 + len
    if (end > b.length) return null
    if (!PNG_METADATA_CHUNKS.has(type)) parts.push(b.subarray(i, end))
    i = end
    if (type === 'IEND') return Buffer.concat(parts)
  }
  return null // no IEND: cut off or not a PNG we can walk
}

/** The photo without metadata, or null when its structure is broken (refuse it). */
export function stripMetadata(bytes: Buffer, type: PhotoType): Buffer | null {
  return type === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes)
}
