import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { reloadDeskDial } from './support/deskdial-app'
import { expect, test } from './support/e2e-fixtures'
import { startPhoneSystem } from './support/phone-system'

test('a phone system that refuses the registration shows in the status line with the time to the next retry', async ({
  page,
  open
}) => {
  const unavailable = await startPhoneSystem({ unavailable: true })
  try {
    await open({ account: { servers: [unavailable.address] } })
    await expect(page.getByTestId('registration-status')).toHaveText(
      /^Retrying in \d+ s: The phone system is unavailable right now\.$/
    )
  } finally {
    await unavailable.stop()
  }
})

test('a damaged settings file is reported on the setup screen once: dismissed, it stays dismissed after a reload', async ({
  page,
  open,
  dataDirectory
}) => {
  await writeFile(path.join(dataDirectory, 'settings.json'), '{ this is not json')
  await open()
  const notice = page.getByRole('alert').filter({ hasText: 'The settings file could not be read.' })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: 'Got it' }).click()
  await expect(notice).toBeHidden()

  await reloadDeskDial(page)
  await expect(page.getByRole('form', { name: 'Set up DeskDial' })).toBeVisible()
  await expect(notice).toBeHidden()
})

test('what happens while the window loads its state is not lost: a call and a link that come meanwhile show', async ({
  page,
  open,
  phoneSystem
}) => {
  let release: () => void = () => undefined
  const holdStatus = new Promise<void>((resolve) => (release = resolve))
  const app = await open({ account: { servers: [phoneSystem.address] }, holdStatus })
  // The window has asked for its state and waits for it; meanwhile a call is placed and a link comes in.
  await expect(page.getByText('Starting DeskDial…')).toBeVisible()
  await expect.poll(async () => (await app.backend.getStatus()).registration.state).toBe('registered')
  const dialled = await app.backend.dial({ target: '1002' })
  if (!dialled.ok) throw new Error(dialled.error)
  await expect
    .poll(async () => (await app.backend.getStatus()).calls.find((call) => call.id === dialled.callId)?.state)
    .toBe('connected')
  await app.backend.handleLink('tel:+1-201-555-0123')
  release()

  await expect(page.getByRole('listitem', { name: 'Call to 1002' })).toHaveAttribute('data-state', 'connected')
  await expect(page.getByRole('dialog', { name: 'Call +1 201 555 0123?' })).toBeVisible()
})
