/**
 * Fetching the provisioning document: HTTPS only, the server's certificate checked against the
 * system's CAs plus the policy's `caFile`, `If-None-Match` with the last copy's ETag, and bounded
 * in size (while it streams) and in time.
 */
import { request } from 'node:https'
import { rootCertificates } from 'node:tls'
import { isRecord } from '../../shared/is-record'
import { readCaFile } from '../trust/ca-file'

/** A provisioning document is a few KiB; anything near this is not one. */
export const MAX_PROVISIONED_BYTES = 1024 * 1024
export const PROVISIONING_TIMEOUT_MS = 15_000

export interface ProvisioningRequest {
  url: string
  caFile?: string
  /** The ETag of the copy DeskDial has: a 304 answer keeps it. */
  etag?: string
  timeoutMs?: number
  maxBytes?: number
}

export type ProvisioningAnswer =
  { kind: 'document'; value: Record<string, unknown>; etag?: string } | { kind: 'not-modified' }

/** Why the document could not be fetched or used; the message ends a sentence ("…: <message>"). */
export class ProvisioningError extends Error {
  override name = 'ProvisioningError'
}

async function trustedCas(caFile: string | undefined): Promise<string[]> {
  if (caFile === undefined) return [...rootCertificates]
  return [...rootCertificates, (await readCaFile(caFile)).toString('utf8')]
}

export async function fetchProvisionedDocument(ask: ProvisioningRequest): Promise<ProvisioningAnswer> {
  const url = new URL(ask.url)
  if (url.protocol !== 'https:') throw new ProvisioningError('only https:// addresses are fetched')
  const ca = await trustedCas(ask.caFile).catch((error: Error) => Promise.reject(new ProvisioningError(error.message)))
  const maxBytes = ask.maxBytes ?? MAX_PROVISIONED_BYTES
  const timeoutMs = ask.timeoutMs ?? PROVISIONING_TIMEOUT_MS
  const body = await new Promise<{ status: number; etag?: string; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (ask.etag !== undefined) headers['if-none-match'] = ask.etag
    const fail = (reason: string): void => {
      clearTimeout(timer)
      req.destroy()
      reject(new ProvisioningError(reason))
    }
    const timer = setTimeout(() => fail(`the server did not answer within ${timeoutMs / 1000} s`), timeoutMs)
    // A connection of its own each time (agent: false): every fetch checks the certificate the server shows now.
    const req = request(url, { method: 'GET', headers, ca, agent: false }, (response) => {
      const status = response.statusCode ?? 0
      const declared = Number(response.headers['content-length'])
      if (declared > maxBytes) return fail(`the document is larger than ${maxBytes} bytes`)
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) return fail(`the document is larger than ${maxBytes} bytes`)
        chunks.push(chunk)
      })
      response.on('error', (error) => fail(error.message))
      response.on('end', () => {
        clearTimeout(timer)
        const etag = response.headers.etag
        resolve({ status, etag, text: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code ? `${error.message} (${error.code})` : error.message)
    )
    req.end()
  })
  if (body.status === 304) return { kind: 'not-modified' }
  if (body.status !== 200)
    throw new ProvisioningError(`the server answered HTTP ${body.status} instead of the document`)
  let value: unknown
  try {
    value = JSON.parse(body.text)
  } catch (error) {
    throw new ProvisioningError(`the document is not valid JSON (${(error as Error).message})`)
  }
  if (!isRecord(value)) throw new ProvisioningError('the document is not a JSON object ({ … })')
  return { kind: 'document', value, etag: body.etag }
}
