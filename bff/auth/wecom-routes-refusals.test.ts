/**
 * What the WeCom login refuses, over real HTTP through the simulator (the harness:
 * wecom-login-harness.ts; the rules: docs/WECOM.md §2–§3, docs/DOMAIN.md §1): each refusal is
 * a Chinese page with a way to log in again, and starts no session.
 */
import { describe, expect, it } from 'vitest'
import { TEST_CORP } from '../simulator/test-corp'
import { closedPort } from '../test/closed-port'
import { useWecomLoginApp, withState } from './wecom-login-harness'

const w = useWecomLoginApp()
const { sim, sessions, phoneAs, untilCallback, login } = w
const { clock } = sim

describe('the WeCom login refuses', () => {
  it('a callback whose state is not the one this browser was given (400)', async () => {
    const browser = phoneAs('zhangsan')
    const callback = await untilCallback(browser, '/reviews/1')
    const state = new URL(callback).searchParams.get('state') ?? ''
    const answer = await browser.get(withState(callback, `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`))
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('登录请求无效')
    expect(answer.text).toContain('href="/auth/login?next=%2Freviews%2F1"')
    expect(sessions).toEqual([])
  })

  it('a callback in a browser that never started the login (400)', async () => {
    const callback = await untilCallback(phoneAs('zhangsan'), '/')
    const answer = await phoneAs('zhangsan').get(callback)
    expect(answer.status).toBe(400)
    expect(sim.control.callCount('auth/getuserinfo')).toBe(0)
  })

  it('a code that was already used, with "登录已过期，请重新进入" and a way to log in again (401)', async () => {
    const browser = phoneAs('zhangsan')
    const first = await untilCallback(browser, '/reviews/1')
    expect((await browser.get(first)).status).toBe(302)
    const second = await untilCallback(browser, '/reviews/1')
    const replay = await browser.get(withState(first, new URL(second).searchParams.get('state') ?? ''))
    expect(replay.status).toBe(401)
    expect(replay.text).toContain('登录已过期，请重新进入')
    expect(replay.text).toContain('href="/auth/login?next=%2Freviews%2F1"')
    expect(sessions).toHaveLength(1)
  })

  it('a code older than five minutes (401)', async () => {
    const browser = phoneAs('zhangsan')
    const callback = await untilCallback(browser, '/')
    clock.advance(300_000)
    const answer = await browser.get(callback)
    expect(answer.status).toBe(401)
    expect(answer.text).toContain('登录已过期，请重新进入')
  })

  it('a state cookie older than ten minutes (400)', async () => {
    const browser = phoneAs('zhangsan')
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=/`)
    clock.advance(600_000)
    const callback = (await browser.get(start.location ?? '')).location ?? ''
    expect((await browser.get(callback)).status).toBe(400)
  })

  it('someone outside the corp (403)', async () => {
    const answer = await login(phoneAs(TEST_CORP.nonMemberOpenId))
    expect(answer.status).toBe(403)
    expect(answer.text).toContain('您无权访问此页面，请联系所在团组织的管理员开通权限')
    expect(sessions).toEqual([])
  })

  it('a member without an account in this app (403)', async () => {
    const answer = await login(phoneAs('wangwu'))
    expect(answer.status).toBe(403)
    expect(answer.text).toContain('您无权访问此页面，请联系所在团组织的管理员开通权限')
  })

  it('a user who declined the authorization (401)', async () => {
    const browser = w.browser()
    const start = await browser.get(`${TEST_CORP.appOrigin}/auth/login?next=/`)
    const declined = await browser.get(`${start.location}&sim_deny=1`)
    const answer = await browser.get(declined.location ?? '')
    expect(answer.status).toBe(401)
    expect(answer.text).toContain('未完成企业微信授权')
  })

  it('with a 502 page when WeCom answers HTTP 500, and shows no internals', async () => {
    sim.control.httpErrorNext(1, { api: 'auth/getuserinfo' })
    const answer = await login(phoneAs('zhangsan'))
    expect(answer.status).toBe(502)
    expect(answer.text).toContain('企业微信服务暂时无法访问，请稍后再试')
    expect(answer.text).not.toMatch(/Wecom|Error|HTTP 500|cgi-bin/)
  })

  it('with a 502 page when WeCom cannot be reached at all', async () => {
    await w.restartAppWithWecomAt(`http://127.0.0.1:${await closedPort()}`)
    const answer = await login(phoneAs('zhangsan'))
    expect(answer.status).toBe(502)
    expect(answer.text).toContain('企业微信服务暂时无法访问，请稍后再试')
  })

  it('a malformed request with a Chinese page instead of the API JSON (400)', async () => {
    const answer = await w.browser().get(`${TEST_CORP.appOrigin}/auth/wecom/callback?code=a&code=b&state=x`)
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('请求格式不正确')
    expect(answer.text).toMatch(/^<!doctype html>/)
  })

  it('to follow a next that leads off the site: the login lands on /', async () => {
    const answer = await login(phoneAs('zhangsan'), '//evil.example/phish')
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`${TEST_CORP.appOrigin}/`)
  })
})

