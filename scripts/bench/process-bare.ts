/**
 * The bare node:http server `npm run bench` measures beside the app (issue #12): the same
 * small JSON body as /healthz with nothing in between, the ceiling of this machine and Node.
 */
import http from 'node:http'

const server = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end('{"ok":true}')
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }))
process.once('SIGTERM', () => server.close(() => process.exit(0)))
