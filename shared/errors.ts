/**
 * Error codes of the JSON API with their HTTP status and default Chinese message.
 * The UI switches on `code`; the message is shown to the user as it is.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  VALIDATION: { status: 400, message: '提交的内容不符合要求' },
  UNAUTHENTICATED: { status: 401, message: '登录已过期，请重新进入' },
  FORBIDDEN: { status: 403, message: '您无权进行此操作' },
  CSRF: { status: 403, message: '页面已过期，请刷新后重试' },
  NOT_FOUND: { status: 404, message: '记录不存在或您无权查看' },
  CONFLICT: { status: 409, message: '该申请已被处理' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大' },
  REASON_REQUIRED: { status: 422, message: '请填写退回原因' },
  REASON_TOO_LONG: { status: 422, message: '原因不能超过249个字' },
  REALNAME_PENDING: { status: 422, message: '实名认证校验中，暂时无法审核' },
  REALNAME_OFFLINE_REQUIRED: { status: 422, message: '该团员身份证校验未通过，请到PC端进行审核' },
  REALNAME_NOT_FAILED: { status: 422, message: '该团员实名认证未处于未通过状态，无需线下核验' },
  LEAGUE_STATUS_ABNORMAL: { status: 422, message: '该团员团籍状态不正常，无法审核通过' },
  NOT_DECIDABLE: { status: 422, message: '该申请当前不在本组织的审核节点' },
  READ_ONLY: { status: 403, message: '您的账号只有查看权限' },
  RULE: { status: 422, message: '不符合业务规则' },
  DUPLICATE: { status: 409, message: '记录已存在' },
  PHOTOS_INVALID: { status: 422, message: '请上传1至8张JPG或PNG格式的照片，每张不超过5MB' },
  REMIND_LIMIT: { status: 429, message: '今天已经催办过该组织，请明天再试' },
  NO_RECIPIENTS: { status: 422, message: '该组织还没有绑定企业微信的运营者，无法催办' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  LOGIN_FAILED: { status: 401, message: '账号或密码错误' },
  LOGIN_DELAYED: { status: 429, message: '账号或密码错误次数过多，请稍后再试' },
  BUSY: { status: 503, message: '系统繁忙，请稍后重试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  UPSTREAM: { status: 502, message: '企业微信服务暂时无法访问，请稍后再试' },
} as const
export type ErrorCode = keyof typeof ERRORS

/** The one error shape of the API. */
export interface ApiError {
  code: ErrorCode | string
  message: string
  /** For VALIDATION: which field broke which rule. */
  fields?: { path: string; message: string }[]
  /** For REALNAME_OFFLINE_REQUIRED: where offline verification happens. */
  pcUrl?: string
  /** For RATE_LIMITED: seconds until the next try counts (also the Retry-After header). */
  retryAfter?: number
}
