/** Request schemas of the integration API (docs/CONTRACT.md "Integration API"). */
import { Type } from 'typebox'
import { oneOf, keysOf } from '../../shared/api/common'
import { NATIONS, EDUCATIONS, OCCUPATIONS, POLITICAL_OUTLOOKS, INCOMES, ID_CARD_TYPES, CADRE_NATURES } from '../../shared/members'
import { TRANSFER_KINDS, TRANSFER_CAUSES } from '../../shared/transfers'

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })
const Opt = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))

export const RegistrationBody = Type.Object({
  org: Text(64),
  name: Text(50),
  idCardType: Type.Optional(keysOf(ID_CARD_TYPES)),
  idCard: Type.String({ minLength: 6, maxLength: 32 }),
  mobile: Type.String({ maxLength: 11 }),
  nation: oneOf(NATIONS),
  education: oneOf(EDUCATIONS),
  highestEducation: Type.Optional(oneOf(EDUCATIONS)),
  occupation: oneOf(OCCUPATIONS),
  politicalOutlook: oneOf(POLITICAL_OUTLOOKS),
  leagueSince: Type.String({ maxLength: 7 }),
  leagueUnit: Opt(Text(200)),
  studyWorkUnit: Opt(Text(200)),
  income: Type.Optional(oneOf(INCOMES)),
  isCadre: Type.Optional(Type.Boolean()),
  cadreTitle: Opt(Text(100)),
  cadreSince: Opt(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
  cadreNature: Type.Optional(oneOf(CADRE_NATURES)),
  cadreInPartyCommittee: Type.Optional(Type.Boolean()),
  memberNo: Opt(Type.String({ pattern: '^\\d{12}$' })),
  birthDate: Opt(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  gender: Type.Optional(Type.Enum(['male', 'female'])),
})

export const ChangeRequestBody = Type.Object({
  idCard: Type.String({ minLength: 6, maxLength: 32 }),
  changes: Type.Object(
    {
      income: Type.Optional(oneOf(INCOMES)),
      politicalOutlook: Type.Optional(oneOf(POLITICAL_OUTLOOKS)),
      leagueSince: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
      isCadre: Type.Optional(Type.Boolean()),
      cadreTitle: Opt(Text(100)),
      cadreSince: Opt(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
      cadreNature: Type.Optional(oneOf(CADRE_NATURES)),
      cadreInPartyCommittee: Type.Optional(Type.Boolean()),
      mobile: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$' })),
      nation: Type.Optional(oneOf(NATIONS)),
      education: Type.Optional(oneOf(EDUCATIONS)),
      highestEducation: Type.Optional(oneOf(EDUCATIONS)),
      occupation: Type.Optional(oneOf(OCCUPATIONS)),
      leagueUnit: Opt(Text(200)),
      studyWorkUnit: Opt(Text(200)),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
})

export const TransferBody = Type.Object({
  idCard: Type.String({ minLength: 6, maxLength: 32 }),
  to: Text(64),
  kind: keysOf(TRANSFER_KINDS),
  cause: oneOf(TRANSFER_CAUSES),
  causeNote: Type.Optional(Type.String({ maxLength: 500 })),
  studyWorkUnit: Text(200),
})

export const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) })
export const ReviewIdParam = Type.Object({ reviewId: Type.Integer({ minimum: 1 }) })
export const IdCardParam = Type.Object({ idCard: Type.String({ minLength: 6, maxLength: 32 }) })
