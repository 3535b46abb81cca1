import type { z } from 'zod'

/** One thing wrong with a form or a file: `field` is a dotted path such as "account.servers". */
export interface FieldProblem {
  field: string
  error: string
}

/** A schema's issues as sentences per field, `prefix` naming where the checked value sits. */
export function fieldProblems(error: z.ZodError, prefix: readonly string[] = []): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)]
    return { field: path.length > 0 ? path.join('.') : 'settings', error: issue.message }
  })
}
