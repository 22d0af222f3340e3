/**
 * Offline-verification uploads for API tests (bff/reviews/offline.ts): a tiny JPEG with
 * metadata to strip, and the multipart request the PC sends.
 */
import type { FastifyInstance } from 'fastify'
import type { TestClient } from './context'

/** A tiny JPEG: SOI, an EXIF APP1 with a "GPS" marker text, APP0, a fake scan, EOI. */
export function jpeg(extra = 0): Buffer {
  const segment = (marker: number, data: Buffer) => Buffer.concat([Buffer.from([0xff, marker, 0, data.length + 2]), data])
  const exif = segment(0xe1, Buffer.from('Exif\0\0GPS-22.5N'))
  const app0 = segment(0xe0, Buffer.concat([Buffer.from('JFIF\0'), Buffer.alloc(9)]))
  const scan = Buffer.concat([Buffer.from([0xff, 0xda, 0x00, 0x04, 0x00, 0x00]), Buffer.alloc(64 + extra, 0x55), Buffer.from([0xff, 0xd9])])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), exif, app0, scan])
}

export interface OfflineUpload {
  reason?: string
  version?: number
  photos: { name: string; bytes: Buffer; type?: string }[]
}

/** POST /api/profile-reviews/:id/offline-verification as the PC sends it (multipart), signed in as `c`. */
export async function uploadOffline(app: FastifyInstance, c: TestClient, reviewId: number, opts: OfflineUpload) {
  const form = new FormData()
  if (opts.reason !== undefined) form.append('reason', opts.reason)
  form.append('version', String(opts.version ?? 0))
  for (const ph of opts.photos) form.append('photos', new Blob([ph.bytes], { type: ph.type ?? 'image/jpeg' }), ph.name)
  const req = new Request('http://x/', { method: 'POST', body: form })
  return app.inject({
    method: 'POST',
    url: `/api/profile-reviews/${reviewId}/offline-verification`,
    headers: { cookie: `sid=${c.token}`, 'x-csrf-token': c.csrfToken, 'content-type': req.headers.get('content-type')! },
    payload: Buffer.from(await req.arrayBuffer()),
  })
}
