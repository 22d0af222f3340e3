import { onActivated, onBeforeUnmount, onDeactivated, onMounted, ref } from 'vue'

/** The current time, ticking every minute while the screen is shown ("已等待…"). */
export function useNow(intervalMs = 60_000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  const start = () => {
    now.value = Date.now()
    timer ??= setInterval(() => (now.value = Date.now()), intervalMs)
  }
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  onMounted(start)
  onActivated(start)
  onDeactivated(stop)
  onBeforeUnmount(stop)
  return now
}
