// Paints the right background before the app loads (no white flash in dark mode). A file of
// its own, not an inline script, so the Content-Security-Policy can forbid inline scripts
// (bff/plugins/security-headers.ts). Same rule as web/composables/useColorScheme.ts: the
// WeCom UA's ColorScheme wins over the system setting.
;(function () {
  var m = /ColorScheme\/(Dark|Light)/i.exec(navigator.userAgent)
  var dark = m ? m[1].toLowerCase() === 'dark' : window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches
  document.documentElement.classList.add(dark ? 'van-theme-dark' : 'van-theme-light')
})()
