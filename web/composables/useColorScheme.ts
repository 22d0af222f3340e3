/**
 * Light or dark, as the client wants it: the WeCom UA's `ColorScheme/Dark|Light` when present,
 * else `prefers-color-scheme` (followed live). Feeds Vant's ConfigProvider `theme`.
 */
import { onBeforeUnmount, ref } from 'vue'
import { uaColorScheme } from '@/wecom/env'

export function useColorScheme() {
  const fromUa = uaColorScheme()
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const scheme = ref<'light' | 'dark'>(fromUa ?? (media?.matches ? 'dark' : 'light'))
  if (!fromUa && media) {
    const onChange = (e: MediaQueryListEvent) => (scheme.value = e.matches ? 'dark' : 'light')
    media.addEventListener?.('change', onChange)
    onBeforeUnmount(() => media.removeEventListener?.('change', onChange))
  }
  return scheme
}
