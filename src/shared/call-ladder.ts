/**
 * One call's SIP messages as the ladder diagram draws them: what crosses IPC for the renderer,
 * checked by this schema when it arrives.
 */
import { z } from 'zod'

export const ladderMessageSchema = z.strictObject({
  /** The message's id in DeskDial's message log. */
  seq: z.number().int().positive(),
  /** When it was sent or received, in milliseconds since the epoch. */
  at: z.number(),
  direction: z.enum(['sent', 'received']),
  transport: z.enum(['UDP', 'TCP', 'TLS']),
  /** The phone system's end of the socket, `address:port`. */
  peer: z.string(),
  /** The request line or status line. */
  firstLine: z.string(),
  /** The same message was sent or received before. */
  retransmission: z.boolean(),
  /** Set when DeskDial made the message up itself in the network's place, saying why. */
  note: z.string().optional(),
  /** The whole message, credentials redacted. */
  text: z.string()
})

export const callLadderSchema = z.strictObject({
  callId: z.string(),
  /** Oldest first; empty once the log has dropped them. */
  messages: z.array(ladderMessageSchema),
  /** How many messages DeskDial's log keeps, for the sentence when they are gone. */
  capacity: z.number().int().positive()
})

export type LadderMessage = z.infer<typeof ladderMessageSchema>
export type CallLadder = z.infer<typeof callLadderSchema>
