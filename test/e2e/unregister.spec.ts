import { expect, test } from './support/e2e-fixtures'

test('stopping DeskDial removes its registration at the phone system', async ({ page, open, phoneSystem }) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
  const [registration] = await phoneSystem.registers()
  expect(registration?.expires).toBeGreaterThan(0)

  await app.shutdown()
  expect(await phoneSystem.registers()).toEqual([registration, { callId: registration?.callId, expires: 0 }])
})
