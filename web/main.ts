/**
 * Boot: mount at once (nothing waits for the session or the WeCom SDK), then load /api/me and,
 * inside WeCom only, register the JS-SDK with the BFF's signature.
 */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '@vant/touch-emulator'
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import './styles/main.css'
import './styles/contrast.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { setCsrfSource } from './api/http'
import { getJssdkSignature } from './api/session'
import { useSessionStore } from './stores/session'
import { registerWecom } from './wecom/sdk'
import { hideDecorativeIcons } from './utils/decorative-icons'

const pinia = createPinia()
const router = createAppRouter()
const session = useSessionStore(pinia)
setCsrfSource(async (refresh) => (await session.load(refresh)).csrfToken)

// index.html painted a provisional theme class; ConfigProvider owns it from here on.
document.documentElement.classList.remove('van-theme-dark', 'van-theme-light')
createApp(App).use(pinia).use(router).mount('#app')
hideDecorativeIcons()

session.load().then(
  (me) => registerWecom(me.wecom, getJssdkSignature),
  () => {
    /* shown by the home page; a 401 already went back to login */
  },
)
