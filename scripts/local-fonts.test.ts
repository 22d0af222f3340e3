import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { stripRemoteFontSources } from './local-fonts'

describe('stripRemoteFontSources', () => {
  it("removes the remote copy from Vant's icon font and keeps the inline one", () => {
    const css = readFileSync(createRequire(import.meta.url).resolve('vant/es/icon/index.css'), 'utf8')
    expect(css).toContain('at.alicdn.com')
    const out = stripRemoteFontSources(css)
    expect(out).not.toMatch(/url\((https?:)?\/\//)
    expect(out).toContain('src:url(data:font/woff2')
    expect(out.length).toBeGreaterThan(css.length - 200)
  })

  it('leaves a font list without remote entries as it is', () => {
    const css = '@font-face{font-family:x;src:url(/assets/x.woff2) format("woff2"),url(data:font/woff;base64,AA) format("woff")}'
    expect(stripRemoteFontSources(css)).toBe(css)
  })
})
