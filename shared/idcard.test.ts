import { describe, expect, it } from 'vitest'
import { idCardProblem, idCardCheckChar, maskIdCard, maskMobile, idCardGender, idCardBirthDate } from './idcard'

describe('resident ID numbers (GB 11643)', () => {
  it('computes the published example check character', () => {
    // GB 11643-1999 annex example: 11010519491231002X
    expect(idCardCheckChar('11010519491231002')).toBe('X')
  })
  it.each([
    ['11010519491231002X', null],
    ['110105194912310021', '校验码错误'],
    ['1101051949123100', '格式错误'],
    ['11010519491331002X', '出生日期无效'],
    ['110105194902300025', '出生日期无效'],
  ])('%s → %s', (id, problem) => {
    expect(idCardProblem(id, new Date('2026-11-24'))).toBe(problem)
  })
  it('derives birth date and gender', () => {
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31')
    expect(idCardGender('11010519491231002X')).toBe('female')
  })
  it('masks ID and phone numbers for lists', () => {
    expect(maskIdCard('440305200001011234')).toBe('4403**********1234')
    expect(maskIdCard('E12345678')).toBe('*******78')
    expect(maskMobile('13812345678')).toBe('138****5678')
  })
})
