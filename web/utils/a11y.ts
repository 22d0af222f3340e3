/**
 * Attributes for Vant's overlay behind a popup that closes on a tap: Vant makes it a
 * role=button without a name (axe aria-command-name); its attributes reach the element.
 * Typed as `object` because OverlayProps does not list plain attributes.
 */
export const CLOSING_OVERLAY: object = { 'aria-label': '关闭' }
