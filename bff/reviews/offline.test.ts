import { describe, expect, it } from 'vitest'
import { type TestClient } from '../test/context'
import { useWorld } from '../test/world'
import { stripMetadata } from './photos'
import { jpeg, uploadOffline, type OfflineUpload } from '../test/photos'
import { Readable } from 'node:stream'

const w = useWorld()

const upload = (c: TestClient, reviewId: number, opts: OfflineUpload) => uploadOffline(w.app, c, reviewId, opts)

async function failedRegistration() {
  return w.member('a1', { realNameStatus: 'failed', name: '孙丽' })
}

describe('offline real-name verification: refusals', () => {
  it('refuses without a photo', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const res = await upload(c, reviewId!, { reason: '已核验身份证原件', photos: [] })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'PHOTOS_INVALID', fields: [{ path: 'photos' }] })
  })

  it('refuses nine photos', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const photos = Array.from({ length: 9 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpeg() }))
    const res = await upload(c, reviewId!, { reason: '已核验身份证原件', photos })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('请上传1至8张团员手持身份证正反面的照片（当前9张）')
  })

  it('refuses a 6 MB photo, naming it', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const res = await upload(c, reviewId!, { reason: '已核验身份证原件', photos: [{ name: 'big.jpg', bytes: jpeg(6 * 1024 * 1024) }] })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('第1张照片（big.jpg）超过5MB')
  })

  it('refuses a text file named .jpg: the bytes decide', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const res = await upload(c, reviewId!, { reason: '已核验', photos: [{ name: 'id.jpg', bytes: Buffer.from('hello, not an image') }] })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('第1张照片（id.jpg）不是JPG或PNG图片')
  })

  it("answers 404 for another organisation's member", async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a2op', 'pc')
    expect((await upload(c, reviewId!, { reason: '已核验', photos: [{ name: 'a.jpg', bytes: jpeg() }] })).statusCode).toBe(404)
  })

  it('refuses a member whose real-name check passed', async () => {
    const { reviewId } = await w.member('a1', { realNameStatus: 'passed' })
    const c = await w.as('a1op', 'pc')
    const res = await upload(c, reviewId!, { reason: '已核验', photos: [{ name: 'a.jpg', bytes: jpeg() }] })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('REALNAME_NOT_FAILED')
  })

  it('refuses the offline pass from a mobile session', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'mobile')
    expect((await upload(c, reviewId!, { reason: '已核验', photos: [{ name: 'a.jpg', bytes: jpeg() }] })).statusCode).toBe(403)
  })

  it('refuses without an explanation', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const res = await upload(c, reviewId!, { reason: '  ', photos: [{ name: 'a.jpg', bytes: jpeg() }] })
    expect(res.json().code).toBe('REASON_REQUIRED')
  })
})

describe('offline real-name verification: the pass', () => {
  it('approves, shows 线下通过 with the explanation, and serves the photos without metadata only to that branch', async () => {
    const { reviewId, id: memberId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.alloc(13)), chunk('tEXt', Buffer.from('Comment\0secret')), chunk('IDAT', Buffer.alloc(10)), chunk('IEND', Buffer.alloc(0)),
    ])
    const res = await upload(c, reviewId!, {
      reason: '已于11月20日线下核验身份证原件，信息无误',
      photos: [{ name: 'front.jpg', bytes: jpeg() }, { name: 'back.png', bytes: png, type: 'image/png' }],
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ status: 'approved', realNameStatus: 'offline_passed', profileStatus: 'approved' })
    expect(body.realName.offline).toMatchObject({ explanation: '已于11月20日线下核验身份证原件，信息无误', verifiedBy: '张伟' })
    expect(body.realName.offline.photos).toHaveLength(2)
    const photo = await c.get(body.realName.offline.photos[0].url)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['cache-control']).toBe('private, no-store')
    expect(photo.headers['content-type']).toBe('image/jpeg')
    expect(photo.rawPayload.includes(Buffer.from('GPS'))).toBe(false)
    expect(photo.rawPayload.includes(Buffer.from('JFIF'))).toBe(true)
    const pngRes = await c.get(body.realName.offline.photos[1].url)
    expect(pngRes.rawPayload.includes(Buffer.from('secret'))).toBe(false)
    const parent = await w.as('szuop', 'pc')
    expect((await parent.get(body.realName.offline.photos[0].url)).statusCode).toBe(404)
    const stored = await w.ctx.db.selectFrom('offline_photos').select('data_enc').execute()
    expect(Buffer.from(stored[0].data_enc).includes(Buffer.from('JFIF'))).toBe(false)
    const member = (await c.get(`/api/members/${memberId}`)).json()
    expect(member.realNameStatus).toBe('offline_passed')
    expect(member.offline).toMatchObject({ explanation: '已于11月20日线下核验身份证原件，信息无误', verifiedBy: '张伟' })
    expect(member.offline.photos).toHaveLength(2)
    const parentView = (await parent.get(`/api/members/${memberId}`)).json()
    expect(parentView.offline.photos).toEqual([])
  })

  it('keeps a JPEG without metadata byte for byte', () => {
    const plain = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x04, 0x00, 0x00]), Buffer.alloc(8, 7), Buffer.from([0xff, 0xd9])])
    expect(stripMetadata(plain, 'image/jpeg')!.equals(plain)).toBe(true)
  })

  it('refuses a photo it cannot clean instead of storing it raw, and stores nothing', async () => {
    const { reviewId } = await failedRegistration()
    const c = await w.as('a1op', 'pc')
    const cut = jpeg().subarray(0, 30) // EXIF segment, then the file ends before its picture
    const res = await upload(c, reviewId!, { reason: '已线下核验身份证原件', photos: [{ name: 'a.jpg', bytes: jpeg() }, { name: 'cut.jpg', bytes: cut }] })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe('第2张照片（cut.jpg）文件已损坏，无法去除拍摄信息，请重新拍摄上传')
    expect(await w.ctx.db.selectFrom('offline_photos').select('id').execute()).toEqual([])
    expect(stripMetadata(Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG\r\n\x1a\n'), chunk('IHDR', Buffer.alloc(13))]), 'image/png')).toBeNull()
  })

  it("answers another branch's upload before reading a byte of its photos", async () => {
    const { reviewId } = await failedRegistration()
    const sibling = await w.as('a2op', 'pc')
    // A body that never ends: were it read before the scope check, this would hang.
    const endless = new Readable({ read() {} })
    endless.push('--x\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n')
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/profile-reviews/${reviewId}/offline-verification`,
      headers: { cookie: `sid=${sibling.token}`, 'x-csrf-token': sibling.csrfToken, 'content-type': 'multipart/form-data; boundary=x' },
      payload: endless,
    })
    expect(res.statusCode).toBe(404)
    endless.destroy()
  })
})

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)])
}
