import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { externalizeInlineFonts, stripRemoteFontSources } from './local-fonts'

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

describe('externalizeInlineFonts', () => {
  it("puts Vant's icon font in a file of its own, the very bytes, and leaves the rest of the stylesheet as it was", () => {
    const css = stripRemoteFontSources(readFileSync(createRequire(import.meta.url).resolve('vant/es/icon/index.css'), 'utf8'))
    const saved: Buffer[] = []
    const out = externalizeInlineFonts(css, (font) => {
      saved.push(font)
      return 'icon-font-abc.woff2'
    })
    expect(saved).toHaveLength(1)
    expect(saved[0].subarray(0, 4).toString('latin1')).toBe('wOF2')
    expect(out).toContain('src:url(icon-font-abc.woff2) format("woff2")')
    expect(out).not.toContain('data:font')
    expect(css.length - out.length).toBeGreaterThan(30_000)
    expect(out.replace('url(icon-font-abc.woff2)', '')).toBe(css.replace(/url\(data:font\/woff2;[^)]+\)/, ''))
  })
})
