import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import Fastify, { type FastifyInstance } from 'fastify'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { registerJsonCompression, pickEncoding } from './compress-json'
import { registerStatic } from './static'
import { precompressFiles } from '../../scripts/precompress'

describe('JSON compression', () => {
  let app: FastifyInstance
  const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `团员${i}` })) }
  beforeAll(async () => {
    app = Fastify()
    registerJsonCompression(app)
    app.get('/big', async () => big)
    app.get('/small', async () => ({ ok: true }))
    // 400 Chinese characters: under 1,024 characters, over 1,024 bytes of UTF-8.
    app.get('/chinese', async () => ({ note: '团'.repeat(400) }))
    app.get('/chinese-short', async () => ({ note: '团'.repeat(300) }))
    await app.ready()
  })
  afterAll(() => app.close())

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const b = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(b.headers['content-encoding']).toBe('br')
    expect(b.headers.vary).toContain('Accept-Encoding')
    expect(JSON.parse(brotliDecompressSync(b.rawPayload).toString())).toEqual(big)
    const g = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } })
    expect(g.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(g.rawPayload).toString())).toEqual(big)
  })

  it('leaves small answers and clients without Accept-Encoding alone', async () => {
    const s = await app.inject({ url: '/small', headers: { 'accept-encoding': 'br' } })
    expect(s.headers['content-encoding']).toBeUndefined()
    expect(s.json()).toEqual({ ok: true })
    const plain = await app.inject({ url: '/big' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.json()).toEqual(big)
  })

  it('counts the threshold in bytes, so a short answer in Chinese is compressed when its UTF-8 is big', async () => {
    const long = await app.inject({ url: '/chinese', headers: { 'accept-encoding': 'br' } })
    expect(long.headers['content-encoding']).toBe('br')
    expect(JSON.parse(brotliDecompressSync(long.rawPayload).toString())).toEqual({ note: '团'.repeat(400) })
    const short = await app.inject({ url: '/chinese-short', headers: { 'accept-encoding': 'br' } })
    expect(short.headers['content-encoding']).toBeUndefined()
    expect(short.json()).toEqual({ note: '团'.repeat(300) })
  })

  it('honours q=0', () => {
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip')
    expect(pickEncoding('identity')).toBeNull()
  })
})

describe('static files', () => {
  let dir: string
  let app: FastifyInstance
  const js = `console.log(${JSON.stringify('团务审核'.repeat(400))})`
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuanwu-static-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>团务审核</title>${'<p>x</p>'.repeat(300)}`)
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd.js'), js)
    precompressFiles(dir)
    app = Fastify()
    await registerStatic(app, dir)
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the build step writes .br and .gz beside each file', () => {
    expect(existsSync(join(dir, 'assets', 'index-Ab12Cd.js.br'))).toBe(true)
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'index-Ab12Cd.js.gz'))).toString()).toBe(js)
  })

  it('serves the pre-built brotli file of a hashed asset, cached for a year', async () => {
    const res = await app.inject({ url: '/assets/index-Ab12Cd.js', headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(js)
  })

  it('serves gzip or the plain file by Accept-Encoding, and the HTML with no-cache', async () => {
    const gz = await app.inject({ url: '/assets/index-Ab12Cd.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    const plain = await app.inject({ url: '/assets/index-Ab12Cd.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(js)
    const html = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } })
    expect(html.headers['cache-control']).toBe('no-cache')
    expect(html.headers['content-encoding']).toBe('br')
  })
})
