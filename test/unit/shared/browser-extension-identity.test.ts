import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_ID, EXTENSION_PUBLIC_KEY } from '../../../src/shared/browser-extension-identity'

describe('the extension’s ID', () => {
  it('is what Chromium derives from the manifest key: sha256 of the DER key, first 32 hex digits as a–p', () => {
    const hex = createHash('sha256').update(Buffer.from(EXTENSION_PUBLIC_KEY, 'base64')).digest('hex').slice(0, 32)
    const id = [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('')
    expect(id).toBe(CHROMIUM_EXTENSION_ID)
  })

  it('is the one the README names', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(CHROMIUM_EXTENSION_ID)
  })
})
