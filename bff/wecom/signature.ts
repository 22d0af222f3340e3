/**
 * JS-SDK signature (docs/WECOM.md §5.1): sha1 of
 * `jsapi_ticket=<ticket>&noncestr=<nonceStr>&timestamp=<timestamp>&url=<url>` — keys in exactly
 * this order, raw values (no URL escaping), lowercase hex. The same algorithm serves the corp
 * ticket (config) and the agent ticket (agentConfig), §5.2.
 */
import { createHash } from 'node:crypto'

export function jssdkSignature(ticket: string, nonceStr: string, timestamp: number | string, url: string): string {
  const plain = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`
  return createHash('sha1').update(plain, 'utf8').digest('hex')
}

/** The URL WeCom signs is the page URL without `#…` (docs/WECOM.md §5.1 step 1). */
export function signableUrl(pageUrl: string): string {
  const hashAt = pageUrl.indexOf('#')
  return hashAt === -1 ? pageUrl : pageUrl.slice(0, hashAt)
}
