import net from 'node:net'

/** Whether something accepts TCP connections on host:port (the demo phone system serves TCP and UDP on one port). */
export function tcpPortAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.setTimeout(2_000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

/** host and port of a "host:port" server address. */
export function hostAndPort(server: string): { host: string; port: number } {
  const colon = server.lastIndexOf(':')
  return { host: server.slice(0, colon), port: Number(server.slice(colon + 1)) }
}
