/**
 * The local WeCom simulator (docs/WECOM.md §11): used by the demo (`npm start` without
 * WECOM_CORP_ID) and by every test that talks to WeCom.
 */
export { startWecomSimulator, type WecomSimulator } from './server'
export type { SimulatorOptions, SimAgentOptions, SimUserOptions } from './model'
export type { SimulatorControl, IssueCodeInput } from './control'
export type { SentMessage, Subject } from './state'
export { CODE_TTL_MS, TOKEN_TTL_MS, USER_TICKET_TTL_MS, JSAPI_TICKET_TTL_MS, TICKET_LIMITS } from './state'
export type { MsClock } from './clock'
export { sign } from './sign'
