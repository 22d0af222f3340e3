/**
 * The open PcModal dialogs, last opened last: Esc closes only the top one (a dialog opened from
 * a dialog closes first), from wherever the focus is. One listener for the whole workbench.
 * A control that uses Esc itself (the search picker's list) stops the key before it gets here.
 */
const stack: (() => void)[] = []

function onKeydown(e: KeyboardEvent) {
  if (e.key !== 'Escape' || e.defaultPrevented || !stack.length) return
  // A Vant confirm dialog above the modal answers Esc itself (or not at all): leave it be.
  if (document.querySelector('.van-dialog:not([style*="display: none"])')) return
  e.preventDefault()
  stack[stack.length - 1]()
}

export function openedModal(close: () => void) {
  if (stack.includes(close)) return
  if (!stack.length) document.addEventListener('keydown', onKeydown)
  stack.push(close)
}

export function closedModal(close: () => void) {
  const i = stack.indexOf(close)
  if (i < 0) return
  stack.splice(i, 1)
  if (!stack.length) document.removeEventListener('keydown', onKeydown)
}
