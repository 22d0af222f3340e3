/**
 * Vite plugin: Vant's icon font, from our own origin and out of the way of the first screen.
 *
 * - Vant's icon font lists a copy on at.alicdn.com after its inline (data:) one; a phone inside
 *   a 团省委's network should never ask a third party for anything, and the
 *   Content-Security-Policy (`font-src 'self' data:`, bff/plugins/security-headers.ts) refuses
 *   it anyway — with an error in the console. The inline font is complete, so the remote
 *   fallback is removed from the CSS at build time.
 * - The inline font is 25 KB of the phone's 35 KB of compressed CSS, and CSS holds up the first
 *   paint: on a phone network (issue #12) that is ~0.15 s before any row shows. The build moves
 *   it into a file of its own beside the stylesheet (hashed, cached like any asset), which the
 *   browser fetches only once an icon is on screen, while the rest is already drawn.
 */
import { createHash } from 'node:crypto'
import { dirname, posix } from 'node:path'
import type { Plugin } from 'vite'

/** `, url(//host/…) format("…")` — a remote entry in an @font-face `src` list after the first. */
const REMOTE_FONT_SOURCE = /,\s*url\((?:https?:)?\/\/[^)]+\)\s*format\("[^"]+"\)/g

export function stripRemoteFontSources(css: string): string {
  return css.replace(REMOTE_FONT_SOURCE, '')
}

/** An inline woff2 in a `url(…)`, quoted or not: its base64 in group 1. */
const INLINE_WOFF2 = /url\((["']?)data:font\/woff2;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\1\)/g

/**
 * `css` with every inline woff2 replaced by a file: `save(bytes)` stores the font and returns
 * the URL the stylesheet should use for it.
 */
export function externalizeInlineFonts(css: string, save: (font: Buffer) => string): string {
  return css.replace(INLINE_WOFF2, (_all, _quote, base64: string) => `url(${save(Buffer.from(base64, 'base64'))})`)
}

export function localFonts(): Plugin {
  return {
    name: 'local-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || !code.includes('@font-face')) return null
      const stripped = stripRemoteFontSources(code)
      return stripped === code ? null : { code: stripped, map: null }
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const emitted = new Map<string, string>()
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.css') || typeof asset.source !== 'string') continue
          asset.source = externalizeInlineFonts(asset.source, (font) => {
            const key = createHash('sha256').update(font).digest('hex')
            let fileName = emitted.get(key)
            if (!fileName) {
              fileName = this.getFileName(this.emitFile({ type: 'asset', name: 'icon-font.woff2', source: font }))
              emitted.set(key, fileName)
            }
            return posix.relative(dirname(asset.fileName), fileName)
          })
        }
      },
    },
  }
}
