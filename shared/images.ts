/**
 * The kind of an offline-verification photo, read from its first bytes, never from its name
 * (docs/DOMAIN.md §4). The browser asks before uploading; the server decides.
 */
export type PhotoType = 'image/jpeg' | 'image/png'

const JPEG_SIGNATURE = [0xff, 0xd8, 0xff]
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const startsWith = (bytes: Uint8Array, signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)

/** JPEG: FF D8 FF; PNG: 89 50 4E 47 0D 0A 1A 0A; anything else: null. */
export function sniffImage(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png'
  return null
}
