/** A person in DeskDial's own contact list, with the numbers to reach them: one schema for the form, IPC and the file. */
import { z } from 'zod'
import { digitsOf } from './digits-of'

export const CONTACT_NUMBER_LABELS = ['work', 'mobile', 'home', 'other'] as const
export const MAX_NUMBERS_PER_CONTACT = 10

const PHONE_NUMBER = /^\+?[\d\s().\-/*#]+$/

const contactNumberSchema = z.object(
  {
    label: z.enum(CONTACT_NUMBER_LABELS, { error: 'Choose a label for the number: work, mobile, home or other.' }),
    number: z
      .string({ error: 'Enter the number, or remove the empty line.' })
      .trim()
      .superRefine((number, context) => {
        const digits = digitsOf(number)
        if (number === '') context.addIssue({ code: 'custom', message: 'Enter the number, or remove the empty line.' })
        else if (!PHONE_NUMBER.test(number) || digits.length < 2 || digits.length > 20) {
          context.addIssue({
            code: 'custom',
            message: `“${number}” is not a phone number: use digits, optionally starting with + and separated by spaces, dashes or brackets.`
          })
        }
      })
  },
  { error: 'A number is missing.' }
)

/** Text a contact file may bring along (department, job title, e-mail): trimmed, left out when empty. */
function optionalDetail(label: string, max: number) {
  return z
    .string({ error: `The ${label} must be text.` })
    .trim()
    .max(max, `The ${label} is too long: keep it under ${max} characters.`)
    .transform((value) => (value ? value : undefined))
    .optional()
}

/** A contact as a person types it (or as the renderer sends it): trimmed, an empty company left out. */
export const contactDraftSchema = z.object(
  {
    id: z.string().min(1).max(200).optional(),
    name: z
      .string({ error: 'Enter a name for the contact.' })
      .trim()
      .min(1, 'Enter a name for the contact.')
      .max(100, 'The name is too long: keep it under 100 characters.'),
    company: z
      .string({ error: 'The company must be text.' })
      .trim()
      .max(100, 'The company is too long: keep it under 100 characters.')
      .optional()
      .transform((company) => (company ? company : undefined)),
    department: optionalDetail('department', 100),
    title: optionalDetail('job title', 100),
    email: optionalDetail('e-mail address', 200),
    numbers: z
      .array(contactNumberSchema, { error: 'Add at least one number for the contact.' })
      .min(1, 'Add at least one number for the contact.')
      .max(MAX_NUMBERS_PER_CONTACT, `A contact can have at most ${MAX_NUMBERS_PER_CONTACT} numbers.`)
      .superRefine((numbers, context) => {
        const seen = new Set<string>()
        numbers.forEach(({ number }, index) => {
          const digits = digitsOf(number)
          if (seen.has(digits))
            context.addIssue({ code: 'custom', path: [index], message: `${number} is listed twice for this contact.` })
          seen.add(digits)
        })
      })
  },
  { error: 'The contact is missing.' }
)

/** A stored contact: a draft with its id. */
export const contactSchema = contactDraftSchema.extend({ id: z.string().min(1).max(200) })

export type ContactNumberLabel = (typeof CONTACT_NUMBER_LABELS)[number]
export type ContactNumber = z.output<typeof contactNumberSchema>
export type Contact = z.output<typeof contactSchema>
export type ContactDraft = z.input<typeof contactDraftSchema>

export type ContactSaveResult = { ok: true; contact: Contact } | { ok: false; error: string; field?: string }
