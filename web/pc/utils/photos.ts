/**
 * The browser's quick answer on offline-verification photos (docs/DOMAIN.md §4, issue #5): 1–8
 * JPEG/PNG images of at most 5 MB each. Like the server, the type is read from the first
 * bytes, not the file name; the server checks again and decides.
 */
import { sniffImage } from '@shared/images'
import { OFFLINE_PHOTOS_MAX, OFFLINE_PHOTOS_MIN, OFFLINE_PHOTO_MAX_BYTES } from '@shared/limits'

async function headOf(file: Blob): Promise<Uint8Array> {
  const part = file.slice(0, 8)
  // Blob.arrayBuffer is missing in some older embedded browsers: FileReader then.
  if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer())
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(part)
  })
}

const MB = 1024 * 1024
export const PHOTO_RULE_TEXT = `JPG或PNG格式，每张不超过${OFFLINE_PHOTO_MAX_BYTES / MB}MB，${OFFLINE_PHOTOS_MIN}至${OFFLINE_PHOTOS_MAX}张`

/** Why one file cannot be added (null when it can), in the words the server uses. */
async function photoProblem(file: File): Promise<string | null> {
  if (file.size > OFFLINE_PHOTO_MAX_BYTES) return `${file.name}超过${OFFLINE_PHOTO_MAX_BYTES / MB}MB`
  if (file.size === 0 || !sniffImage(await headOf(file))) return `${file.name}不是JPG或PNG图片`
  return null
}

/**
 * Adds `incoming` to `current`: the acceptable ones up to the maximum count, with a message
 * for each refused file.
 */
export async function addPhotos(current: readonly File[], incoming: readonly File[]): Promise<{ photos: File[]; problems: string[] }> {
  const photos = [...current]
  const problems: string[] = []
  for (const file of incoming) {
    const problem = await photoProblem(file)
    if (problem) problems.push(problem)
    else if (photos.length >= OFFLINE_PHOTOS_MAX) problems.push(`最多上传${OFFLINE_PHOTOS_MAX}张照片，${file.name}未添加`)
    else photos.push(file)
  }
  return { photos, problems }
}

/** The count rule, checked on submit. */
export function photoCountProblem(count: number): string | null {
  if (count < OFFLINE_PHOTOS_MIN) return `请上传团员手持身份证正反面的照片（${OFFLINE_PHOTOS_MIN}至${OFFLINE_PHOTOS_MAX}张）`
  if (count > OFFLINE_PHOTOS_MAX) return `最多上传${OFFLINE_PHOTOS_MAX}张照片`
  return null
}
