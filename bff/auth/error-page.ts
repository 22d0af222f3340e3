/**
 * The HTML page for failures of browser navigations (login, callback): Chinese, readable on a
 * phone and in the desktop WeCom client, no stack traces and no external resources
 * (docs/CONTRACT.md "Login": "Failures answer a Chinese HTML page with 4xx/5xx").
 */
import { escapeHtml } from '../../shared/html'
import type { FastifyReply } from 'fastify'

export interface ErrorPage {
  title: string
  message?: string
  /** A way forward, e.g. "重新登录" → /auth/login?next=… */
  action?: { href: string; label: string }
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f7f8fa;color:#323233;
font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Helvetica Neue","Microsoft YaHei",sans-serif}
main{width:100%;max-width:420px;padding:32px 24px;text-align:center}
.icon{width:56px;height:56px;margin:0 auto 20px;border-radius:50%;background:#fff1f0;color:#ee0a24;font-size:32px;line-height:56px;font-weight:600}
h1{font-size:20px;font-weight:600;margin:0 0 12px;line-height:1.4}
p{font-size:15px;line-height:1.7;color:#646566;margin:0 0 28px}
a.button{display:block;padding:12px 0;border-radius:8px;background:#1989fa;color:#fff;text-decoration:none;font-size:16px}
a.button:active{background:#0570db}
`

function renderErrorPage(page: ErrorPage): string {
  const message = page.message ? `<p>${escapeHtml(page.message)}</p>` : ''
  const action = page.action ? `<a class="button" href="${escapeHtml(page.action.href)}">${escapeHtml(page.action.label)}</a>` : ''
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<link rel="icon" type="image/svg+xml" href="/favicon.svg"><title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>
<body><main><div class="icon" aria-hidden="true">!</div><h1>${escapeHtml(page.title)}</h1>${message}${action}</main></body></html>`
}

/** Answers `page` with `status`; never cached, and the URL (which may carry a code) is not leaked as a referrer. */
export function sendErrorPage(reply: FastifyReply, status: number, page: ErrorPage): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(renderErrorPage(page))
}
