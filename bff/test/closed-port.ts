import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A port on 127.0.0.1 where nobody listens: the socket was opened and closed again (a server that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
