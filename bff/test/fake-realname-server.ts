/**
 * A stand-in for the identity-verification provider (the edge of the system), over real
 * HTTP on loopback: answers from a script, one per call, then repeats the last one.
 */
import { createServer, type Server } from 'node:http'

export type Scripted = 'match' | 'mismatch' | 'http500' | 'garbage'

export async function startFakeRealname(script: Scripted[]) {
  const calls: { name: string; idCard: string }[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      calls.push(JSON.parse(body))
      const answer = script[Math.min(calls.length - 1, script.length - 1)]
      if (answer === 'http500') {
        res.writeHead(500).end('busy')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(answer === 'garbage' ? '{"result":"maybe"}' : JSON.stringify({ result: answer }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/verify`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
