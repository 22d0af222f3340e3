/**
 * Vite plugin: keeps the build's fonts on our own origin. Vant's icon font lists a copy on
 * at.alicdn.com after its inline (data:) one; a phone inside a 团省委's network should never
 * ask a third party for anything, and the Content-Security-Policy (`font-src 'self' data:`,
 * bff/plugins/security-headers.ts) refuses it anyway — with an error in the console. The
 * inline font is complete, so the remote fallback is removed from the CSS at build time.
 */
import type { Plugin } from 'vite'

/** `, url(//host/…) format("…")` — a remote entry in an @font-face `src` list after the first. */
const REMOTE_FONT_SOURCE = /,\s*url\((?:https?:)?\/\/[^)]+\)\s*format\("[^"]+"\)/g

export function stripRemoteFontSources(css: string): string {
  return css.replace(REMOTE_FONT_SOURCE, '')
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
  }
}
