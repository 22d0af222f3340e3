/**
 * The embedded real-name provider (`REALNAME_PROVIDER=local`, docs/CONTRACT.md): without a
 * government identity service it can only check what the number itself proves — format,
 * GB 11643 check digit, a real birth date, a known province prefix.
 */
import { idCardProblem } from '../../shared/idcard'

/** 省级行政区划代码 (GB/T 2260, first two digits). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
])

type RealNameAnswer = 'match' | 'mismatch' | 'unavailable'

export interface RealNameProvider {
  check(input: { name: string; idCard: string }): Promise<RealNameAnswer>
}

export function localProvider(clock: { now(): Date }): RealNameProvider {
  return {
    async check({ name, idCard }) {
      if (!name.trim()) return 'mismatch'
      if (idCardProblem(idCard, clock.now())) return 'mismatch'
      return PROVINCE_PREFIXES.has(idCard.slice(0, 2)) ? 'match' : 'mismatch'
    },
  }
}
