/**
 * The state of a workbench form (修改密码, 发起转接, 新增运营者): each field's message from the
 * checks made before sending, the API's refusal as it wrote it above the buttons (issue #5),
 * and `busy` while the request runs.
 */
import { ref } from 'vue'
import { pcErrorMessage } from '../utils/errors'

export function usePcForm() {
  const errors = ref<Record<string, string>>({})
  const formError = ref('')
  const busy = ref(false)

  /** Shows `checks` (field → message); only when there are none, runs `send`. */
  async function submitWith(checks: Record<string, string>, send: () => Promise<void>) {
    errors.value = checks
    formError.value = ''
    if (Object.keys(checks).length) return
    busy.value = true
    try {
      await send()
    } catch (err) {
      formError.value = pcErrorMessage(err)
    } finally {
      busy.value = false
    }
  }

  function clear() {
    errors.value = {}
    formError.value = ''
  }

  return { errors, formError, busy, submitWith, clear }
}
