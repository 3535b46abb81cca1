import type { RegistrationStatus } from '../../../shared/registration-status'

/** Host without port, as people name their phone system. */
function hostOf(server: string | undefined): string | undefined {
  return server?.replace(/:\d+$/, '')
}

/** The status line's sentence, e.g. "Registered as 1001 at pbx.example.com" or "Retrying in 12 s: …". */
export function registrationSentence(status: RegistrationStatus, user: string | undefined, now: number): string {
  const host = hostOf(status.server)
  switch (status.state) {
    case 'registered':
      return user && host ? `Registered as ${user} at ${host}` : status.reason
    case 'registering':
      return host ? `Registering with ${host}…` : 'Registering…'
    case 'retrying': {
      const due = status.at + (status.retryInSeconds ?? 0) * 1000
      const seconds = Math.max(0, Math.ceil((due - now) / 1000))
      return `Retrying in ${seconds} s: ${status.reason}`
    }
    case 'disabled':
      return 'Registration is off: calls go straight to the phone system'
    case 'failed':
    case 'unregistered':
      return status.reason
  }
}
