import type { Kysely } from 'kysely'
import { withIdColumn } from './frozen-helpers'

// Frozen in time (issue #14): 常用退回原因, 催办 and the indexes the 下级待办 counts and the daily
// digest read (docs/DOMAIN.md §5b, §6).
const DEFAULT_PRESETS: Record<'profile' | 'transfer', string[]> = {
  profile: ['身份证号码与姓名不一致', '入团年月有误', '所在单位填写不规范', '照片不清晰', '学历信息填写有误', '请填写完整的学习工作单位'],
  transfer: ['转入组织选择有误，请重新选择', '学习工作单位填写不规范', '转接原因与实际情况不符', '请先完成团员报到', '请联系转入团支部确认后再申请'],
}

export async function up(db: Kysely<any>): Promise<void> {
  await withIdColumn(db, db.schema.createTable('return_reason_presets'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'varchar(1000)', (c) => c.notNull())
    .addUniqueConstraint('return_reason_presets_position', ['kind', 'position'])
    .execute()
  const rows = Object.entries(DEFAULT_PRESETS).flatMap(([kind, texts]) => texts.map((text, position) => ({ kind, position, text })))
  await db.insertInto('return_reason_presets').values(rows).execute()

  // One 催办 per organisation per (China) day: the unique key is the limit, also under a race.
  await withIdColumn(db, db.schema.createTable('reminders'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('reminders_org_day', ['org_id', 'day'])
    .execute()

  // An operator's own recent reasons: the returns they decided.
  await db.schema.createIndex('profile_reviews_decider').on('profile_reviews').columns(['decided_by', 'state', 'decided_at']).execute()
  await db.schema.createIndex('transfer_steps_decider').on('transfer_steps').columns(['decided_by', 'state', 'decided_at']).execute()
  // Transfers arriving at an organisation per week (the season chart).
  await db.schema.createIndex('transfer_steps_arrivals').on('transfer_steps').columns(['org_id', 'waiting_since']).execute()
  // The daily digest: everything pending past 48 hours, over all organisations.
  await db.schema.createIndex('profile_reviews_overdue').on('profile_reviews').columns(['state', 'submitted_at']).execute()
  await db.schema.createIndex('transfers_overdue').on('transfers').columns(['status', 'waiting_since']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['transfers_overdue', 'profile_reviews_overdue', 'transfer_steps_arrivals', 'transfer_steps_decider', 'profile_reviews_decider']) {
    await db.schema.dropIndex(i).execute()
  }
  await db.schema.dropTable('reminders').execute()
  await db.schema.dropTable('return_reason_presets').execute()
}
