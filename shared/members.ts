/** Member record vocabulary. docs/DOMAIN.md §2. Reference lists are stored as their Chinese names. */

export const ID_CARD_TYPES = { resident: '普通居民身份证', foreign: '境外身份证' } as const
export type IdCardType = keyof typeof ID_CARD_TYPES

export const NATIONS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
] as const

export const EDUCATIONS = [
  '小学', '初中', '高中', '中职', '大专', '本科', '硕士', '博士',
  '初中在读', '高中在读', '中职中专在读', '大专在读', '本科在读', '硕士在读', '博士在读',
] as const

export const OCCUPATIONS = [
  '国有企业职工', '非公企业职工', '机关事业单位职工', '社会组织员工', '农民', '学生', '自由职业者',
  '公办高校教职工', '公办中学教职工', '公办中职教职工', '民办高校教职工', '民办中学教职工', '民办中职教职工', '其他',
] as const

export const POLITICAL_OUTLOOKS = ['共青团员', '中共预备党员', '中共党员'] as const

export const INCOMES = ['2000元以下', '2000-5000元', '5000-8000元', '8000-10000元', '10000元以上'] as const

export const LEAGUE_STATUSES = { normal: '正常', disabled: '禁用', left: '离团' } as const
export type LeagueStatus = keyof typeof LEAGUE_STATUSES

export const GENDERS = { male: '男', female: '女' } as const
export type Gender = keyof typeof GENDERS

/**
 * Profile fields a member may change. `important` ones need a 修改资料 review (docs/DOMAIN.md §3);
 * the locked ones (姓名, 证件类型, 身份证号码, 出生日期, 所在团支部) are not listed at all.
 */
export const PROFILE_FIELDS = {
  income: { label: '收入', important: true },
  politicalOutlook: { label: '政治面貌', important: true },
  leagueSince: { label: '入团年月', important: true },
  isCadre: { label: '是否担任团干职务', important: true },
  cadreTitle: { label: '职务', important: true },
  cadreSince: { label: '任现职年月', important: true },
  cadreNature: { label: '团干部性质', important: true },
  cadreInPartyCommittee: { label: '是否同级党委成员', important: true },
  mobile: { label: '手机号码', important: false },
  nation: { label: '民族', important: false },
  education: { label: '全日制学历', important: false },
  highestEducation: { label: '最高学历', important: false },
  occupation: { label: '职业', important: false },
  leagueUnit: { label: '入团时所在单位', important: false },
  studyWorkUnit: { label: '学习工作单位', important: false },
} as const
export type ProfileField = keyof typeof PROFILE_FIELDS

export const IMPORTANT_FIELDS = (Object.keys(PROFILE_FIELDS) as ProfileField[]).filter(
  (f) => PROFILE_FIELDS[f].important,
)

export const CADRE_NATURES = ['专职', '兼职', '挂职'] as const

/** 预计毕业时间 (docs/DOMAIN.md §5a): a month, yyyy-MM; the same rule for the import and the PC. */
export const EXPECTED_GRADUATION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
export const EXPECTED_GRADUATION_RULE = '预计毕业时间格式应为 yyyy-MM（如 2027-06）'
