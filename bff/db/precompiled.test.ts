import { describe, expect, it } from 'vitest'
import { testContext } from '../test/context'
import { precompiled } from './precompiled'
import { insertOrganization } from '../orgs/repository'

// A query built once and run with new values each time (bff/db/precompiled.ts).
describe('precompiled queries', () => {
  const byCode = precompiled((db, v) =>
    db.selectFrom('organizations').select(['code', 'name']).where('code', '>=', v<string>('from')).where('type', '=', 'branch').orderBy('code').limit(v<number>('limit')),
  )

  it('put each call’s values where their slots were, fixed values stay, inside a transaction too', async () => {
    const ctx = await testContext()
    try {
      const at = ctx.clock.now().toISOString()
      for (const [code, type] of [['a1', 'branch'], ['a2', 'branch'], ['a3', 'branch'], ['b0', 'committee']] as const) {
        await insertOrganization(ctx.db, { code, name: `${code}名`, type, parent: null, createdAt: at })
      }
      expect(await byCode(ctx.db, { from: 'a2', limit: 5 })).toEqual([{ code: 'a2', name: 'a2名' }, { code: 'a3', name: 'a3名' }])
      expect(await byCode(ctx.db, { from: 'a', limit: 1 })).toEqual([{ code: 'a1', name: 'a1名' }])
      await ctx.db.transaction().execute(async (trx) => expect(await byCode(trx, { from: 'a3', limit: 9 })).toEqual([{ code: 'a3', name: 'a3名' }]))
      await expect(byCode(ctx.db, { from: 'a' })).rejects.toThrow('no value for slot limit')
    } finally {
      await ctx.close()
    }
  })
})
