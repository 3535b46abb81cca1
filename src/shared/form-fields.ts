/** Form fields as settings hold them: trimmed text, flags and numbers, each with a sentence naming the field when wrong. */
import { z } from 'zod'

/** Text that may be empty; a missing value (or null, as old files hold) reads as empty. */
export function text(label: string) {
  return z.preprocess((value) => value ?? '', z.string({ error: `${label} must be text.` }).trim())
}

/** Text that is left out when empty; `isValid` is asked only about non-empty text. */
export function optionalText(
  label: string,
  isValid: (value: string) => boolean = () => true,
  problem = `${label} is not valid.`
) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .nullish()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || isValid(value), problem)
    .optional()
}

/** On or off. */
export function flag(label: string) {
  return z.boolean({ error: `${label} must be on or off.` })
}

/** A whole number within bounds. */
export function wholeNumber(label: string, min: number, max: number) {
  const error = `${label} must be a whole number from ${min} to ${max}.`
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error })
}

/** `value` without the keys whose value is undefined, as it is written to a file. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T
}
