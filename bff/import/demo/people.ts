/**
 * Demo people: Cantonese-leaning names, resident ID numbers that pass GB 11643 (region code
 * of a Guangdong district — a few from neighbouring provinces, as students are — the birth
 * date, a sequence whose last digit is odd for men, the check character), mobiles.
 */
import { idCardCheckChar } from '../../../shared/idcard'
import type { Gender } from '../../../shared/members'
import type { Random } from './random'

export type City = 'gz' | 'sz' | 'fs'

/** District codes (GB/T 2260) of the demo's three cities. */
const CITY_REGIONS: Record<City, readonly string[]> = {
  gz: ['440103', '440104', '440105', '440106', '440111', '440112', '440113'],
  sz: ['440303', '440304', '440305', '440306', '440307', '440309'],
  fs: ['440604', '440605', '440606', '440607'],
}
/** 东莞, 中山, 珠海, 汕头, 惠州, 湛江, 阳江, 潮州, 韶关, 梅州. */
const GUANGDONG_REGIONS = ['441900', '442000', '440402', '440507', '441302', '440802', '441702', '445102', '440203', '441402']
/** 长沙, 南昌, 南宁, 郴州, 福州, 成都. */
const OTHER_REGIONS = ['430102', '360102', '450102', '431002', '350102', '510104']

const SURNAMES = [
  '陈', '陈', '陈', '李', '李', '黄', '黄', '张', '梁', '梁', '林', '林', '刘', '吴', '罗', '杨', '何', '郑', '周', '谢',
  '冯', '邓', '曾', '许', '蔡', '彭', '钟', '叶', '苏', '卢', '潘', '朱', '廖', '赖', '温', '邱', '江', '方', '莫', '余',
  '麦', '区', '欧阳', '司徒',
] as const
const MALE_NAMES = [
  '俊杰', '浩然', '子轩', '梓豪', '家豪', '宇航', '志强', '嘉俊', '伟', '杰', '涛', '明', '锦辉', '泽宇', '晓东', '文轩',
  '思远', '永健', '振华', '智豪', '卓然', '铭', '一鸣', '建华', '国栋', '润发', '嘉乐', '浩宇', '俊熙', '炜',
] as const
const FEMALE_NAMES = [
  '欣怡', '梓涵', '嘉欣', '诗琪', '晓琳', '雨桐', '佳琪', '思颖', '婷', '敏', '静', '颖', '丽娟', '美玲', '慧敏', '凯琳',
  '咏诗', '晓彤', '嘉怡', '紫琪', '芷晴', '心怡', '可欣', '雅婷', '晓雯', '洁莹', '婉婷', '少芬', '倩', '钰',
] as const

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
] as const

export function personName(r: Random, gender: Gender): string {
  return r.pick(SURNAMES) + r.pick(gender === 'male' ? MALE_NAMES : FEMALE_NAMES)
}

/** Where a person's ID number was issued: mostly the city of the branch. `mobile` people (students) come from further away. */
export function regionFor(r: Random, city: City, mobile: boolean): string {
  const roll = r.next()
  if (roll < (mobile ? 0.5 : 0.75)) return r.pick(CITY_REGIONS[city])
  if (roll < (mobile ? 0.85 : 0.95)) return r.pick(GUANGDONG_REGIONS)
  return r.pick(OTHER_REGIONS)
}

/** A birth date of someone who turned `age` between one and eleven months ago. */
export function birthDateFor(r: Random, age: number, now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear() - age, now.getUTCMonth(), now.getUTCDate()))
  d.setUTCDate(d.getUTCDate() - r.int(31, 340))
  return d
}

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '')

/** A valid, not yet used resident ID number. */
export function idCardFor(r: Random, region: string, birth: Date, gender: Gender, taken: Set<string>): string {
  for (;;) {
    const sequence = r.int(0, 99) * 10 + (gender === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]))
    const first17 = `${region}${ymd(birth)}${String(sequence).padStart(3, '0')}`
    const id = first17 + idCardCheckChar(first17)
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
  }
}

export function mobileFor(r: Random, taken: Set<string>): string {
  for (;;) {
    const m = r.pick(MOBILE_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, '0')
    if (!taken.has(m)) {
      taken.add(m)
      return m
    }
  }
}
