/**
 * Vant's confirmation called as a function, with an accessible name (issue #15; axe
 * aria-dialog-name). Vant points the dialog's aria-labelledby at the title's *text*, not at
 * an id, so a screen reader hears a dialog without a name; here the title is its aria-label
 * and the broken reference is dropped (the same fix as the template dialogs,
 * e.g. components/review/ReviewDecisionDialogs.vue).
 */
import { showConfirmDialog, type DialogOptions } from 'vant'

export function confirmDialog(options: DialogOptions & { title: string }): Promise<unknown> {
  // Attributes Vant does not know reach the dialog's element; DialogOptions does not list them.
  return showConfirmDialog({ ...options, 'aria-label': options.title, 'aria-labelledby': undefined } as DialogOptions)
}
