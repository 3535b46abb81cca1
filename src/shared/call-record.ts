import { z } from 'zod'
import { CALL_STATES } from './call-progress'

/** One call in the history, as it ended (or as far as DeskDial could follow it). */
export const callRecordSchema = z.object({
  /** The dial's id (its REFER's Call-ID). */
  id: z.string(),
  target: z.string(),
  /** What was actually sent to the phone system after the dial plan. */
  dialString: z.string(),
  contactName: z.string().optional(),
  startedAt: z.number(),
  state: z.enum(CALL_STATES),
  code: z.number().optional(),
  reason: z.string()
})

export type CallRecord = z.output<typeof callRecordSchema>
