/**
 * The only door to @wecom/jssdk. Rules (docs/WECOM.md §6.3, §12):
 * - the SDK is loaded lazily, so a plain browser never downloads it;
 * - nothing calls `ww.*` unless `ww.env.isWeCom` and `ww.register` ran with the BFF's signature;
 * - every bridge promise races a short time-out: outside WeCom (or with a bridge that never
 *   answers) its promises never settle, and no screen may wait on it.
 */
import type * as WW from '@wecom/jssdk'
import { isWeComClient } from './env'

type Sdk = typeof WW
const BRIDGE_TIMEOUT_MS = 2000

let sdk: Promise<Sdk> | null = null
function loadSdk(): Promise<Sdk> {
  return (sdk ??= import('@wecom/jssdk'))
}

class BridgeTimeout extends Error {
  override name = 'BridgeTimeout'
}

function withTimeout<T>(promise: Promise<T>, ms = BRIDGE_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BridgeTimeout(`WeCom bridge did not answer within ${ms} ms`)), ms)
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    )
  })
}

export interface SignatureData {
  timestamp: number | string
  nonceStr: string
  signature: string
}

let registered: Promise<boolean> = Promise.resolve(false)

/**
 * `ww.register` once, only inside WeCom and only when the BFF says WeCom is configured
 * (/api/me `wecom`). The SDK asks for the signature itself when the first API is called;
 * with hash routing it signs once per page load (docs/WECOM.md §6.1).
 */
export function registerWecom(
  wecom: { corpId: string; agentId: string } | null | undefined,
  sign: (url: string) => Promise<SignatureData>,
): Promise<boolean> {
  if (!wecom || !isWeComClient()) return registered
  registered = withTimeout(loadSdk())
    .then((ww) => {
      if (!ww.env.isWeCom) return false
      ww.register({
        corpId: wecom.corpId,
        agentId: wecom.agentId,
        jsApiList: ['openDefaultBrowser', 'setClipboardData', 'closeWindow'],
        getConfigSignature: async (url: string) => {
          const s = await sign(url)
          return { timestamp: s.timestamp, nonceStr: s.nonceStr, signature: s.signature }
        },
        onConfigFail: (res: unknown) => console.warn('[wecom] config failed', res),
      })
      return true
    })
    .catch((e) => {
      console.warn('[wecom] SDK unavailable', e)
      return false
    })
  return registered
}

/** Test hook: forget a previous registration. */
export function resetWecomForTests() {
  registered = Promise.resolve(false)
  sdk = null
}

/**
 * Runs one guarded bridge call. Resolves true when WeCom answered ok, false otherwise
 * (not in WeCom, not registered, refused, or silent past the time-out) — the caller then
 * uses its browser fallback.
 */
export async function tryBridge(call: (ww: Sdk) => Promise<unknown>, ms = BRIDGE_TIMEOUT_MS): Promise<boolean> {
  if (!(await registered)) return false
  try {
    const ww = await withTimeout(loadSdk(), ms)
    if (!ww.env.isWeCom) return false
    await withTimeout(call(ww), ms)
    return true
  } catch (e) {
    console.warn('[wecom] bridge call fell back', e)
    return false
  }
}
