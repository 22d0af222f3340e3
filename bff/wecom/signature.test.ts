import { describe, expect, it } from 'vitest'
import { jssdkSignature, signableUrl } from './signature'

// WeCom's published example (docs/WECOM.md §0 item 5, doc 90506).
const VECTOR = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  nonceStr: 'Wm3WZYTPz0wzccnW',
  timestamp: 1414587457,
  url: 'http://mp.weixin.qq.com?params=value',
  signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
}

describe('the JS-SDK signature', () => {
  it('changes when any input changes, so a wrong ticket, nonce, time or URL never verifies', () => {
    const base = jssdkSignature(VECTOR.ticket, VECTOR.nonceStr, VECTOR.timestamp, VECTOR.url)
    expect(jssdkSignature(`${VECTOR.ticket}x`, VECTOR.nonceStr, VECTOR.timestamp, VECTOR.url)).not.toBe(base)
    expect(jssdkSignature(VECTOR.ticket, `${VECTOR.nonceStr}x`, VECTOR.timestamp, VECTOR.url)).not.toBe(base)
    expect(jssdkSignature(VECTOR.ticket, VECTOR.nonceStr, VECTOR.timestamp * 1000, VECTOR.url)).not.toBe(base)
    expect(jssdkSignature(VECTOR.ticket, VECTOR.nonceStr, VECTOR.timestamp, encodeURIComponent(VECTOR.url))).not.toBe(base)
  })

  it('matches WeCom’s published test vector', () => {
    expect(jssdkSignature(VECTOR.ticket, VECTOR.nonceStr, VECTOR.timestamp, VECTOR.url)).toBe(VECTOR.signature)
    expect(jssdkSignature(VECTOR.ticket, VECTOR.nonceStr, String(VECTOR.timestamp), VECTOR.url)).toBe(VECTOR.signature)
  })

  it('signs the page URL without its fragment', () => {
    expect(signableUrl('https://app.example.com/m/reviews?id=1#/detail')).toBe('https://app.example.com/m/reviews?id=1')
    expect(signableUrl('https://app.example.com/')).toBe('https://app.example.com/')
  })
})
