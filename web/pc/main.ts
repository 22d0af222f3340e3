/**
 * The PC workbench (issue #5; seed §1 "PC 网站审核"): a Vite build of its own (vite.config.ts),
 * so nothing of it weighs on the phone's first load. It shares the api layer, the session store and shared/
 * with the mobile app; a 401 shows this workbench's own login page instead of WeCom's.
 */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/image-preview/style'
import './styles/pc.css'
import '../styles/contrast.css'
import PcApp from './PcApp.vue'
import { createPcRouter } from './router'
import { wirePc } from './boot'
import { hideDecorativeIcons } from '../utils/decorative-icons'

const pinia = createPinia()
const router = createPcRouter(pinia)
wirePc(pinia, router)

createApp(PcApp).use(pinia).use(router).mount('#pc-app')
hideDecorativeIcons()
