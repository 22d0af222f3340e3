/**
 * Domain checks on a member's data that JSON schema cannot express (docs/DOMAIN.md §2):
 * the ID number's check digit and birth date, the mobile, 入团年月 and the joining age.
 * Answers problems as `{path, message}` in Chinese, so a caller names the field.
 */
import { idCardProblem, idCardBirthDate, MOBILE_PATTERN } from '../../shared/idcard'
import { JOIN_AGE_MIN } from '../../shared/limits'

export interface Problem {
  path: string
  message: string
}

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function memberDataProblems(
  m: { idCardType?: string; idCard?: string; mobile?: string; leagueSince?: string; name?: string; birthDate?: string | null },
  at: (field: string) => string,
  today: Date,
): Problem[] {
  const out: Problem[] = []
  if (m.name !== undefined && (/\d/.test(m.name) || m.name.trim().length === 0)) out.push({ path: at('name'), message: '姓名不能为空且不能包含数字' })
  if (m.idCard !== undefined && (m.idCardType ?? 'resident') === 'resident') {
    const p = idCardProblem(m.idCard, today)
    if (p) out.push({ path: at('idCard'), message: p })
  }
  if (m.mobile !== undefined && !MOBILE_PATTERN.test(m.mobile)) out.push({ path: at('mobile'), message: '手机号码格式错误' })
  if (m.leagueSince !== undefined) {
    const ym = YEAR_MONTH.exec(m.leagueSince)
    if (!ym) out.push({ path: at('leagueSince'), message: '入团年月格式应为 yyyy-MM' })
    else {
      const joined = `${ym[1]}-${ym[2]}`
      if (joined > today.toISOString().slice(0, 7)) out.push({ path: at('leagueSince'), message: '入团年月不能晚于当前月份' })
      const birth = m.idCard && (m.idCardType ?? 'resident') === 'resident' ? idCardBirthDate(m.idCard) : (m.birthDate ?? null)
      if (birth) {
        const age = Number(ym[1]) - Number(birth.slice(0, 4)) - (Number(ym[2]) < Number(birth.slice(5, 7)) ? 1 : 0)
        if (age < JOIN_AGE_MIN) out.push({ path: at('leagueSince'), message: `入团时年龄不得小于${JOIN_AGE_MIN}周岁` })
      }
    }
  }
  return out
}
