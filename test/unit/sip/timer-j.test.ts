/**
 * RFC 3261 17.2.2: a non-INVITE server transaction, once it has sent its final answer, stays
 * "Completed" for Timer J: 64*T1 (32 s) over UDP, to answer retransmissions of the request again,
 * and zero over TCP and TLS, which do not retransmit. Checked on sip.js's own transaction with
 * the timers DeskDial's SIP endpoint installs.
 */
import { Core } from 'sip.js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../../../src/main/sip/sip-endpoint'

const NOTIFY = [
  'NOTIFY sip:deskdial@192.0.2.50:5060 SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-timer-j',
  'From: <sip:1001@192.0.2.10>;tag=pbx',
  'To: <sip:deskdial@192.0.2.10>;tag=dd',
  'Call-ID: timer-j',
  'CSeq: 2 NOTIFY',
  'Event: refer',
  'Content-Length: 0',
  '',
  ''
].join('\r\n')
const ANSWER = 'SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'

function answeredNotify(protocol: string): { transaction: Core.NonInviteServerTransaction; sent: string[] } {
  const loggers = new Core.LoggerFactory()
  loggers.builtinEnabled = false
  const request = Core.Parser.parseMessage(NOTIFY, loggers.getLogger('test')) as Core.IncomingRequestMessage
  const sent: string[] = []
  const transport = { protocol, send: (message: string) => (sent.push(message), Promise.resolve()) }
  const transaction = new Core.NonInviteServerTransaction(
    request,
    transport as never,
    { loggerFactory: loggers } as never
  )
  transaction.receiveResponse(200, ANSWER)
  return { transaction, sent }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Timer J of a NOTIFY answered by DeskDial', () => {
  it.each(['TCP', 'TLS'])('over %s is zero: the transaction ends with its answer', (protocol) => {
    const { transaction } = answeredNotify(protocol)
    expect(transaction.state).toBe(Core.TransactionState.Completed)
    vi.advanceTimersByTime(0)
    expect(transaction.state).toBe(Core.TransactionState.Terminated)
  })

  it('over UDP is 64*T1: for 32 s a retransmitted NOTIFY is answered again from the transaction', () => {
    const { transaction, sent } = answeredNotify('UDP')
    vi.advanceTimersByTime(64 * 500 - 1)
    expect(transaction.state).toBe(Core.TransactionState.Completed)
    transaction.receiveRequest(transaction.request)
    expect(sent).toEqual([ANSWER, ANSWER])
    vi.advanceTimersByTime(1)
    expect(transaction.state).toBe(Core.TransactionState.Terminated)
  })
})
