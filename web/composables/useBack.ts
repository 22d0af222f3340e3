import { useRouter, type RouteLocationRaw } from 'vue-router'

/** Back in history when there is one (keeps the list's scroll), else to a fallback screen. */
export function useBack(fallback: RouteLocationRaw = '/') {
  const router = useRouter()
  return () => {
    if (router.options.history.state.back) router.back()
    else void router.replace(fallback)
  }
}
