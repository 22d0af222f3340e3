/** Helpers of the workbench's component tests: files as a browser picks them, clicks, teleported dialogs. */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { createPcRouter } from './router'
import { wirePc } from './boot'
import PcApp from './PcApp.vue'

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0]

/** A file whose first bytes say PNG / JPEG (or nothing), of `size` bytes. */
export function photo(name: string, kind: 'png' | 'jpeg' | 'text' = 'png', size = 2048, type?: string): File {
  const bytes = new Uint8Array(size)
  const head = kind === 'png' ? PNG_HEAD : kind === 'jpeg' ? JPEG_HEAD : [...new TextEncoder().encode('hello')]
  bytes.set(head.slice(0, size))
  return new File([bytes], name, { type: type ?? (kind === 'png' ? 'image/png' : kind === 'jpeg' ? 'image/jpeg' : 'text/plain') })
}

/** Picks `files` in a file input, as the browser's dialog does. */
export async function pick(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
  // Reading the first bytes of each file is asynchronous.
  for (let i = 0; i < 5; i++) await flushPromises()
}

export async function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click')
  el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  await flushPromises()
}

/** The element under `root` whose own text is exactly `text`. */
export function byText<T extends HTMLElement = HTMLElement>(text: string, selector = '*', root: ParentNode = document.body): T {
  const found = [...root.querySelectorAll<T>(selector)].find((el) => el.textContent?.trim() === text)
  if (!found) throw new Error(`no ${selector} with text ${text}`)
  return found
}

/** A Vant radio by its label. */
export const radio = (label: string) => byText(label, '.van-radio__label').closest('[role="radio"]')

export const bodyText = () => document.body.textContent ?? ''


/** The whole workbench (frame, router with its guard, stores) at `path`, as main.ts wires it. */
export async function mountPc(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore(pinia)
  const router = createPcRouter(pinia, createMemoryHistory())
  wirePc(pinia, router)
  await router.push(path)
  await router.isReady()
  const wrapper = mount(PcApp, { global: { plugins: [router, pinia] }, attachTo: document.body })
  for (let i = 0; i < 5; i++) await flushPromises()
  return { wrapper, router, session }
}

/** Lets lazy route components load and their requests answer. */
export async function settle(rounds = 8) {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
}
