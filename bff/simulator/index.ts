/**
 * The local WeCom simulator (docs/WECOM.md §11): used by the demo (`npm start` without
 * WECOM_CORP_ID) and by every test that talks to WeCom.
 */
export { startWecomSimulator, type WecomSimulator } from './server'






