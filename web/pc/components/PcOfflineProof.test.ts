import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { OfflineProof } from '@shared/api/members'
import PcOfflineProof from './PcOfflineProof.vue'

const proof: OfflineProof = {
  explanation: '已线下核验身份证原件，信息无误',
  verifiedAt: '2026-11-20T04:00:00.000Z',
  verifiedBy: '张伟',
  photos: [{ id: 7, url: '/api/offline-photos/7' }, { id: 8, url: '/api/offline-photos/8' }],
  photosDeletedAt: null,
}

describe('线下通过 in the record (PC)', () => {
  it('says the photos were deleted by the retention rule, with the date, instead of showing images', () => {
    const w = mount(PcOfflineProof, { props: { offline: { ...proof, photos: [], photosDeletedAt: '2027-11-20T04:00:00.000Z' } } })
    expect(w.text()).toContain('照片已按保存期限删除（2027-11-20）')
    expect(w.text()).toContain('已线下核验身份证原件，信息无误')
    expect(w.findAll('img')).toHaveLength(0)
    expect(w.text()).not.toContain('照片仅对')
  })

  it('shows the kept photos to a reviewer of the organisation', () => {
    const w = mount(PcOfflineProof, { props: { offline: proof } })
    expect(w.findAll('img').map((i) => i.attributes('src'))).toEqual(['/api/offline-photos/7', '/api/offline-photos/8'])
    expect(w.text()).not.toContain('保存期限')
  })

  it('tells anyone else that the photos are for the organisation’s reviewers only', () => {
    const w = mount(PcOfflineProof, { props: { offline: { ...proof, photos: [] } } })
    expect(w.text()).toContain('照片仅对该团员所在组织的审核人员可见。')
  })
})
