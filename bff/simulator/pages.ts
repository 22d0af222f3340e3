/**
 * HTML pages of the simulated login hosts: the user picker (stands in for "the phone knows
 * who you are" in-client and for scanning the QR code on the web login) and WeCom's own
 * error pages ("请在企业微信客户端打开链接", "redirect_uri参数错误", docs/WECOM.md §2.3, §11.1).
 */
import { escapeHtml } from '../../shared/html'

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;background:#f2f3f5;color:#1f2329}
main{max-width:480px;margin:0 auto;padding:24px 16px}
.brand{display:flex;align-items:center;gap:8px;color:#0082ef;font-weight:600;margin-bottom:16px}
.brand i{display:inline-block;width:24px;height:24px;border-radius:6px;background:#0082ef}
h1{font-size:20px;margin:0 0 6px}p{color:#646a73;font-size:14px;line-height:1.6;margin:0 0 16px}
.card{background:#fff;border-radius:12px;overflow:hidden;margin-bottom:16px}
.card h2{font-size:13px;color:#8f959e;font-weight:400;margin:0;padding:12px 16px 4px}
a.user{display:flex;align-items:center;gap:12px;padding:12px 16px;text-decoration:none;color:inherit;border-top:1px solid #f0f1f2}
a.user:first-of-type{border-top:0}a.user:active{background:#f5f6f7}
.avatar{flex:none;width:40px;height:40px;border-radius:8px;background:#0082ef;color:#fff;display:flex;align-items:center;justify-content:center;font-size:16px}
.avatar.outsider{background:#a8abb2}
.who{min-width:0}.who b{display:block;font-size:16px;font-weight:500}
.who span{display:block;font-size:13px;color:#8f959e;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.notice{font-size:12px;color:#8f959e;text-align:center}.notice a{color:#0082ef}
.error{text-align:center;padding-top:64px}.error .mark{font-size:48px;color:#f54a45;line-height:1}
`

function page(title: string, content: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${content}</main></body></html>`
}

/** WeCom's bare error page: a red mark and one sentence. */
export function wecomMessagePage(message: string, detail?: string): string {
  return page(
    message,
    `<div class="error"><div class="mark">!</div><h1>${escapeHtml(message)}</h1>${detail ? `<p>${escapeHtml(detail)}</p>` : ''}</div>`,
  )
}

export interface PickerEntry {
  simUser: string
  name: string
  org: string
  href: string
}

export interface PickerPage {
  appName: string
  corpName: string
  mode: 'in-client' | 'web-login'
  members: PickerEntry[]
  outsiders: PickerEntry[]
  cancelHref: string
  unknownUser?: string
}

function entry(e: PickerEntry, outsider: boolean): string {
  const initial = escapeHtml([...e.name][0] ?? '?')
  return `<a class="user" href="${escapeHtml(e.href)}"><span class="avatar${outsider ? ' outsider' : ''}">${initial}</span>
<span class="who"><b>${escapeHtml(e.name)}</b><span>${escapeHtml(e.org)}</span></span></a>`
}

/** The demo's login screen: pick the cadre to log in as. */
export function userPickerPage(p: PickerPage): string {
  const intro =
    p.mode === 'in-client'
      ? `「${p.appName}」将获取你的企业微信身份。本地模拟环境请选择以哪位成员的身份进入。`
      : `企业微信扫码登录「${p.appName}」。本地模拟环境不需要扫码，请直接选择登录身份。`
  const warning = p.unknownUser ? `<p>没有名为 “${escapeHtml(p.unknownUser)}” 的模拟成员，请重新选择。</p>` : ''
  const outsiders = p.outsiders.length
    ? `<div class="card"><h2>非本企业人员（用于演示无权限）</h2>${p.outsiders.map((e) => entry(e, true)).join('')}</div>`
    : ''
  return page(
    '选择登录身份',
    `<div class="brand"><i></i>企业微信 · ${escapeHtml(p.corpName)}</div>
<h1>选择登录身份</h1><p>${intro}</p>${warning}
<div class="card"><h2>成员</h2>${p.members.map((e) => entry(e, false)).join('') || '<p style="padding:12px 16px">没有配置成员</p>'}</div>
${outsiders}
<p class="notice">这是本地企业微信模拟器，仅用于演示和测试。<a href="${escapeHtml(p.cancelHref)}">拒绝授权</a></p>`,
  )
}
