import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PcOfflineForm from './PcOfflineForm.vue'
import { photo, pick, bodyText } from '../test-utils'

function mountForm() {
  return mount(PcOfflineForm, { attachTo: document.body })
}
const input = (w: ReturnType<typeof mountForm>) => w.find('input[type="file"]').element as HTMLInputElement
const validate = (w: ReturnType<typeof mountForm>) => (w.vm as unknown as { validate(): { reason: string; photos: File[] } | null }).validate()

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the offline-verification form (线下核验)', () => {
  it('refuses to submit without an explanation and photos, and says both', async () => {
    const w = mountForm()
    expect(validate(w)).toBeNull()
    await flushPromises()
    expect(w.text()).toContain('请填写线下核验说明')
    expect(w.text()).toContain('请上传团员手持身份证正反面的照片（1至8张）')
    w.unmount()
  })

  it('refuses a file that is not a JPEG or PNG by its bytes, whatever its name and type say', async () => {
    const w = mountForm()
    await pick(input(w), [photo('身份证.jpg', 'text', 1000, 'image/jpeg')])
    expect(w.text()).toContain('身份证.jpg不是JPG或PNG图片')
    expect(w.text()).toContain('已选 0/8 张')
    w.unmount()
  })

  it('refuses a photo over 5 MB and keeps the others', async () => {
    const w = mountForm()
    await pick(input(w), [photo('大图.png', 'png', 5 * 1024 * 1024 + 1), photo('正面.jpg', 'jpeg')])
    expect(w.text()).toContain('大图.png超过5MB')
    expect(w.text()).toContain('已选 1/8 张')
    w.unmount()
  })

  it('keeps at most 8 photos and says which ones were left out', async () => {
    const w = mountForm()
    await pick(input(w), Array.from({ length: 9 }, (_, i) => photo(`照片${i + 1}.png`)))
    expect(w.text()).toContain('已选 8/8 张')
    expect(w.text()).toContain('最多上传8张照片，照片9.png未添加')
    // Full: the add button is gone.
    expect(w.text()).not.toContain('上传照片')
    w.unmount()
  })

  it('lets a photo be removed', async () => {
    const w = mountForm()
    await pick(input(w), [photo('正面.png'), photo('背面.png')])
    await w.find('button[aria-label="删除正面.png"]').trigger('click')
    expect(w.text()).toContain('已选 1/8 张')
    expect(w.text()).toContain('背面.png')
    expect(w.text()).not.toContain('正面.png')
    w.unmount()
  })

  it('refuses an explanation over 249 characters', async () => {
    const w = mountForm()
    const area = w.find('textarea')
    // maxlength stops typing; a paste through script still must not pass.
    ;(area.element as HTMLTextAreaElement).removeAttribute('maxlength')
    await area.setValue('核'.repeat(250))
    await pick(input(w), [photo('正面.png')])
    expect(validate(w)).toBeNull()
    await flushPromises()
    expect(w.text()).toContain('线下核验说明不能超过249个字')
    expect(w.text()).toContain('250/249')
    w.unmount()
  })

  it('hands over the trimmed explanation and the photos when complete, and shows the sample picture', async () => {
    const w = mountForm()
    await w.find('textarea').setValue('  已当面核对身份证原件  ')
    const front = photo('正面.png')
    const back = photo('背面.jpg', 'jpeg')
    await pick(input(w), [front, back])
    expect(validate(w)).toEqual({ reason: '已当面核对身份证原件', photos: [front, back] })
    expect(bodyText()).toContain('示例：团员本人手持身份证')
    expect(w.find('svg[role="img"]').attributes('aria-label')).toContain('手持身份证正面、背面')
    w.unmount()
  })
})
