/**
 * A stand-in for the identity-verification provider (the edge of the system), over real
 * HTTP on loopback: answers from a script, one per call, then repeats the last one. An ID
 * number may have a script of its own (counted over its own calls), so imported members
 * checked in the background do not use up the answers a test means for one registration.
 *
 * Several servers may share one `calls` log (one server per app process, so a test knows
 * which process asked, while the scripts count over all of them). A `hold` server takes
 * requests and never answers them (a process killed mid-call): those are in `held`, not
 * in `calls`, which lists only the answered checks — the ones a provider bills.
 */
import { createServer, type Server } from 'node:http'

export type Scripted = 'match' | 'mismatch' | 'http500' | 'garbage'
export interface ProviderCall {
  name: string
  idCard: string
}

export async function startFakeRealname(
  script: Scripted[],
  byIdCard: Record<string, Scripted[]> = {},
  opts: { calls?: ProviderCall[]; hold?: boolean } = {},
) {
  const calls = opts.calls ?? []
  const held: ProviderCall[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const call = JSON.parse(body) as ProviderCall
      if (opts.hold) {
        held.push(call)
        return
      }
      calls.push(call)
      const own = byIdCard[call.idCard]
      const mine = own ? calls.filter((c) => c.idCard === call.idCard).length : calls.length
      const list = own ?? script
      const answer = list[Math.min(mine - 1, list.length - 1)]
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
    held,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
