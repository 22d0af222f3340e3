import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { closeToast } from 'vant'
import RealNameGate from './RealNameGate.vue'
import { registerWecom, resetWecomForTests } from '@/wecom/sdk'

// The WeCom JS-SDK is the platform edge: mocked, never the component under test.
const ww = vi.hoisted(() => ({
  env: { isWeCom: true, isWeChat: false },
  register: vi.fn(),
  setClipboardData: vi.fn(),
  openDefaultBrowser: vi.fn(),
}))
vi.mock('@wecom/jssdk', () => ww)

const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light'
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Safari/537.36 Language/zh wxwork/4.1.10 (MicroMessenger/6.2) WindowsWechat'
const BROWSER_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
const PC = 'https://tuan.example.cn/pc/'

let clipboard: { writeText: ReturnType<typeof vi.fn> }

async function inClient(ua: string, registered = true) {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(ua)
  if (registered) await registerWecom({ corpId: 'ww1', agentId: '1000002' }, async () => ({ timestamp: 1, nonceStr: 'n', signature: 's' }))
}

function mountGate(props: Partial<InstanceType<typeof RealNameGate>['$props']> = {}) {
  const w = mount(RealNameGate, {
    props: { show: true, code: 'REALNAME_OFFLINE_REQUIRED', pcUrl: PC, 'onUpdate:show': (v: boolean) => void w.setProps({ show: v }), ...props },
    attachTo: document.body,
  })
  return w
}
const press = (w: ReturnType<typeof mountGate>) => w.find('.van-dialog__confirm').trigger('click')

beforeEach(() => {
  resetWecomForTests()
  vi.clearAllMocks()
  clipboard = { writeText: vi.fn().mockResolvedValue(undefined) }
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true })
  ww.setClipboardData.mockResolvedValue({ errMsg: 'setClipboardData:ok' })
  ww.openDefaultBrowser.mockResolvedValue({ errMsg: 'openDefaultBrowser:ok' })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  closeToast(true)
  document.body.innerHTML = ''
})

describe('RealNameGate', () => {
  it('says a failed check must be reviewed on the PC, with the re-check still to come', async () => {
    await inClient(PHONE_UA)
    const w = mountGate({ recheckScheduled: true })
    expect(w.text()).toContain('该团员身份证校验未通过，请到PC端进行审核')
    expect(w.text()).toContain('系统将在24小时内自动复核')
    expect(w.text()).toContain(PC)
  })

  it('copies the PC link through WeCom on a phone', async () => {
    await inClient(PHONE_UA)
    const w = mountGate()
    expect(w.find('.van-dialog__confirm').text()).toBe('复制PC端链接')
    await press(w)
    await flushPromises()
    expect(ww.setClipboardData).toHaveBeenCalledWith({ data: PC })
    expect(clipboard.writeText).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('链接已复制，请在电脑浏览器中打开')
    expect(w.props('show')).toBe(false)
  })

  it('opens the PC site in the system browser from the desktop client', async () => {
    await inClient(DESKTOP_UA)
    const w = mountGate()
    expect(w.find('.van-dialog__confirm').text()).toBe('在浏览器中打开')
    await press(w)
    await flushPromises()
    expect(ww.openDefaultBrowser).toHaveBeenCalledWith({ url: PC })
    expect(document.body.textContent).toContain('已在系统浏览器中打开')
  })

  it('falls back to the clipboard API when the WeCom bridge never answers', async () => {
    await inClient(PHONE_UA)
    ww.setClipboardData.mockReturnValue(new Promise(() => {}))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const w = mountGate()
    await press(w)
    await vi.advanceTimersByTimeAsync(2500)
    await flushPromises()
    expect(clipboard.writeText).toHaveBeenCalledWith(PC)
    expect(w.props('show')).toBe(false)
  })

  it('uses the clipboard API in a plain browser and never calls the SDK', async () => {
    await inClient(BROWSER_UA, false)
    const w = mountGate()
    await press(w)
    await flushPromises()
    expect(clipboard.writeText).toHaveBeenCalledWith(PC)
    expect(ww.setClipboardData).not.toHaveBeenCalled()
    expect(ww.register).not.toHaveBeenCalled()
  })

  it('keeps the link on screen for copying by hand when nothing can copy', async () => {
    await inClient(BROWSER_UA, false)
    clipboard.writeText.mockRejectedValue(new Error('denied'))
    document.execCommand = vi.fn().mockReturnValue(false)
    const w = mountGate()
    await press(w)
    await flushPromises()
    expect(w.props('show')).toBe(true)
    expect(w.text()).toContain('无法自动复制，请长按上面的链接手动复制')
  })

  it('explains that approval waits for a pending check, without a way to the PC', async () => {
    await inClient(PHONE_UA)
    const w = mountGate({ code: 'REALNAME_PENDING' })
    expect(w.text()).toContain('实名认证校验中，暂时无法审核')
    expect(w.text()).not.toContain(PC)
    expect(w.find('.van-dialog__cancel').exists()).toBe(false)
    await press(w)
    await flushPromises()
    expect(w.props('show')).toBe(false)
    expect(ww.setClipboardData).not.toHaveBeenCalled()
  })
})
