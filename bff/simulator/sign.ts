/**
 * The JS-SDK signature as WeCom computes it (docs/WECOM.md §5.1), so tests can check the BFF's
 * signatures against an independent implementation: sha1 of
 * `jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL`, raw values, that key order, lowercase hex.
 */
import { createHash } from 'node:crypto'

export function sign(ticket: string, nonceStr: string, timestamp: number | string, url: string): string {
  const plain = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`
  return createHash('sha1').update(plain, 'utf8').digest('hex')
}
