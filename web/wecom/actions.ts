/**
 * The few client actions the app needs, each with its browser fallback (docs/WECOM.md §6.3–§6.4).
 */
import { tryBridge } from './sdk'
import { isDesktopWeCom } from './env'

/** Copies text: WeCom's setClipboardData, else the Clipboard API, else a selected textarea. */
async function copyText(text: string): Promise<boolean> {
  if (await tryBridge((ww) => ww.setClipboardData({ data: text }))) return true
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* permission refused or no secure context: try the old way */
  }
  return legacyCopy(text)
}

function legacyCopy(text: string): boolean {
  try {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;'
    document.body.appendChild(area)
    area.select()
    const ok = typeof document.execCommand === 'function' && document.execCommand('copy')
    area.remove()
    return !!ok
  } catch {
    return false
  }
}

export type SendToPcResult = 'opened' | 'copied' | 'manual'

/**
 * Sends the operator to the PC site (offline real-name verification, docs/DOMAIN.md §4):
 * in the desktop WeCom client open it in the system browser; on a phone copy the link.
 * 'manual' means nothing worked and the link must be shown for copying by hand.
 */
export async function sendToPc(url: string): Promise<SendToPcResult> {
  if (isDesktopWeCom() && (await tryBridge((ww) => ww.openDefaultBrowser({ url })))) return 'opened'
  return (await copyText(url)) ? 'copied' : 'manual'
}
