import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { stubApi, apiError } from '@/test-utils/api'
import { transferItem } from '@/test-utils/fixtures'
import TransferAllocateSheet from './TransferAllocateSheet.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const branch = (id: number, name: string) => ({ org: { id, code: `b-${id}`, name, type: 'branch' }, parentName: '粤海街道团工委' })
const branches = {
  'GET /api/orgs/search': (req: { query: URLSearchParams }) => ({
    body: { items: [branch(7, '科技园社区团支部'), branch(8, '高新区社区团支部')].filter((b) => b.org.name.startsWith(req.query.get('q') ?? '')) },
  }),
}

async function open() {
  const w = mount(TransferAllocateSheet, {
    props: { show: true, transfer: transferItem(42, '朱咏诗', { version: 3 }), 'onUpdate:show': (v: boolean) => void w.setProps({ show: v }) },
    attachTo: document.body,
  })
  await w.setProps({ show: false })
  await w.setProps({ show: true })
  await flushPromises()
  return w
}
const radios = () => [...document.querySelectorAll<HTMLButtonElement>('.allocate-sheet__branch')]

describe('分配 sheet (phone)', () => {
  it('lists the 团委’s own 团支部 (within=self), sends the chosen one with the version, and says where the graduate went', async () => {
    const { calls } = stubApi({ ...branches, 'POST /api/transfers/42/allocation': { id: 42 } })
    const w = await open()
    expect(calls[0].query.get('within')).toBe('self')
    expect(radios().map((b) => b.querySelector('.allocate-sheet__name')!.textContent)).toEqual(['科技园社区团支部', '高新区社区团支部'])
    radios()[1].click()
    await flushPromises()
    const confirm = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('分配到高新区社区团支部'))!
    confirm.click()
    await flushPromises()
    expect(calls.at(-1)!.body).toEqual({ branchOrgId: 8, version: 3 })
    expect(w.emitted('done')).toEqual([['高新区社区团支部']])
  })

  it('keeps the sheet open with the API’s message when the allocation is refused, and asks the list to refresh on a conflict', async () => {
    stubApi({ ...branches, 'POST /api/transfers/42/allocation': apiError(409, 'CONFLICT', '该申请已被处理') })
    const w = await open()
    radios()[0].click()
    await flushPromises()
    ;[...document.querySelectorAll('button')].find((b) => b.textContent?.includes('分配到科技园社区团支部'))!.click()
    await flushPromises()
    expect(document.querySelector('.allocate-sheet__error--submit')?.textContent).toBe('该申请已被处理')
    expect(w.emitted('done')).toBeUndefined()
    expect(w.emitted('stale')).toHaveLength(1)
  })
})
