import { browserDialTarget } from '../../src/main/backend/browser-dials'
import { expect, test } from './support/e2e-fixtures'

test('a number clicked in the browser is dialled at once, and its call card says which site it came from', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')

  const answer = await browserDialTarget(app.backend).dial('(201) 555-0123', 'https://crm.example.com')
  expect(answer.outcome).toBe('dialled')
  const card = page.getByRole('listitem', { name: /^Call to/ })
  await expect(card).toContainText('from crm.example.com')
  await expect(card).toHaveAttribute('data-state', 'connected')
})
