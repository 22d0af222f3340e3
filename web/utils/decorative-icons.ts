/**
 * Vant's icons are glyphs of a private-use font drawn by ::before. Inside a button, a link, a
 * checkbox, a radio or the nav bar they become part of what a screen reader reads and of the
 * control's accessible name (issue #15; test/e2e/a11y-walk.ts looks for them). In this app
 * every <i class="van-icon"> is decoration beside words — an icon-only control carries its own
 * aria-label on the control (e.g. components/app/AppCloseButton.vue, a <button>) — so each one
 * is hidden from assistive technology as it appears, Vant's own included.
 */
const ICON = 'i.van-icon'

function hide(el: Element) {
  if (!el.hasAttribute('aria-hidden')) el.setAttribute('aria-hidden', 'true')
}

export function hideDecorativeIcons(root: HTMLElement = document.body): void {
  root.querySelectorAll(ICON).forEach(hide)
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue
        if (node.matches(ICON)) hide(node)
        node.querySelectorAll(ICON).forEach(hide)
      }
    }
  }).observe(root, { childList: true, subtree: true })
}
