/**
 * What the page can tell about its client from the user agent, without loading the SDK.
 * Same tests as @wecom/jssdk (docs/WECOM.md §6.2): `wxwork/` marks WeCom (it also contains
 * MicroMessenger, so test wxwork first); desktop is derived from the platform.
 */
const ua = () => (typeof navigator === 'undefined' ? '' : navigator.userAgent)

export function isWeComClient(): boolean {
  return /wxwork\/[\d.]+/i.test(ua())
}

/** The desktop WeCom client (Windows / Mac), where openDefaultBrowser exists (docs/WECOM.md §3.3). */
export function isDesktopWeCom(): boolean {
  if (!isWeComClient()) return false
  if (/Android|iPhone|iPad|iPod|Mobile/i.test(ua())) return false
  return /WindowsWechat|MacWechat|Windows|Macintosh/i.test(ua()) || /Win|Mac/i.test(navigator.platform ?? '')
}

/** `ColorScheme/Dark` or `ColorScheme/Light` in the WeCom UA; null when absent. */
export function uaColorScheme(): 'dark' | 'light' | null {
  const m = /ColorScheme\/(Dark|Light)/i.exec(ua())
  return m ? (m[1].toLowerCase() as 'dark' | 'light') : null
}
