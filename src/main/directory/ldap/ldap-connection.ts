/**
 * One bound connection to the directory: connect (LDAPS, or StartTLS on ldap://), verify the
 * server's certificate against the system's CAs or the configured CA file, bind. There is no mode
 * without certificate verification.
 */
import net from 'node:net'
import tls from 'node:tls'
import { Client } from 'ldapts'
import { settleWithin } from '../../../shared/settle-within'
import type { DirectorySettings } from '../../../shared/directory-settings'
import { readCaFile } from '../../trust/ca-file'
import { timedOut } from './directory-error'

async function tlsOptions(settings: DirectorySettings, host: string): Promise<tls.ConnectionOptions> {
  const ca = settings.caFile ? await readCaFile(settings.caFile) : undefined
  return {
    ca,
    host,
    // RFC 6066 forbids an IP address as the server name; the identity is still checked against IP SANs.
    servername: net.isIP(host) ? undefined : host,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    checkServerIdentity: (_name, certificate) => tls.checkServerIdentity(host, certificate)
  }
}

async function connectAndBind(
  client: Client,
  settings: DirectorySettings,
  password: string | undefined,
  secure: tls.ConnectionOptions
): Promise<void> {
  if (settings.startTls) await client.startTLS({ ...secure })
  await client.bind(settings.bindDn, settings.bindDn === '' ? '' : (password ?? ''))
}

/**
 * A client connected and bound, within `timeoutMs` for the whole (each later request has its own
 * `timeoutMs`). Rejects with the failure as ldapts or Node gave it; the caller words it.
 */
export async function openConnection(
  settings: DirectorySettings,
  password: string | undefined,
  timeoutMs: number
): Promise<Client> {
  const host = new URL(settings.url).hostname.replace(/^\[|\]$/g, '')
  const secure = await tlsOptions(settings, host)
  const client = new Client({
    url: settings.url,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    tlsOptions: settings.url.startsWith('ldaps:') ? secure : undefined
  })
  const bound = connectAndBind(client, settings, password, secure)
  try {
    // ldapts bounds each request, but not the TLS handshake of StartTLS.
    const settled = await settleWithin(bound, timeoutMs)
    if (!settled.done) throw timedOut(settings, timeoutMs)
    return client
  } catch (error) {
    bound.catch(() => undefined)
    await closeConnection(client)
    throw error
  }
}

/** Ends the connection: an unbind when it is still up, and the socket closed either way. */
export async function closeConnection(client: Client): Promise<void> {
  await client.unbind().catch(() => undefined)
}
