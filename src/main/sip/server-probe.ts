/**
 * Is a phone-system server up? One out-of-dialog OPTIONS (RFC 3261 §11), the way desk phones watch
 * their primary server while they sit on a backup, sent through a short-lived endpoint of its own
 * so the probe never disturbs the registration and calls on the server in use.
 */
import { SipEndpoint, type SipEndpointOptions, type SipResponse } from './sip-endpoint'

function sendOptions(endpoint: SipEndpoint, signal: AbortSignal): Promise<SipResponse> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted()
    const abort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', abort, { once: true })
    const onFinal = (response: SipResponse): void => {
      signal.removeEventListener('abort', abort)
      resolve(response)
    }
    endpoint.send('OPTIONS', endpoint.registrar, endpoint.registrar, [], { onFinal })
  })
}

/**
 * Sends one OPTIONS to `options.server` and closes the endpoint again. Resolves true when the server
 * answered; false when nothing answered, the connection was refused, or `signal` aborted the probe.
 */
export async function probeServer(options: SipEndpointOptions, signal: AbortSignal): Promise<boolean> {
  let endpoint: SipEndpoint | undefined
  try {
    endpoint = new SipEndpoint(options)
    await endpoint.connect()
    // Any code counts: a 404 or 405 to OPTIONS still comes from a live server.
    return (await sendOptions(endpoint, signal)).outcome === 'answered'
  } catch {
    return false
  } finally {
    await endpoint?.close().catch(() => undefined)
  }
}
