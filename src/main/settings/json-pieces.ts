/**
 * The text `serializeJson` makes (two-space indentation, a final newline), in pieces of a few
 * milliseconds of work each, so that writing 100,000 contacts turns them into text a slice at a
 * time instead of in one call that holds the event loop for a quarter of a second.
 */
import { Slices } from './work-in-slices'

/** List items turned into text between two looks at the clock. */
const CHECK_EVERY = 64

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`)

/** `JSON.stringify(value, null, 2)`, indented to sit at `depth` levels; "null" where it gives nothing, as in a list. */
function stringified(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) as string | undefined
  return indent(text ?? 'null', '  '.repeat(depth))
}

/**
 * Pieces that joined are `JSON.stringify(value, null, 2) + '\n'`: an object's lists item by item,
 * anything else in one piece.
 */
export function* jsonPieces(value: unknown, budgetMs?: number): Generator<string> {
  const plain =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  if (!plain) {
    yield JSON.stringify(value, null, 2) + '\n'
    return
  }
  // The keys JSON.stringify keeps: not those whose value it leaves out.
  const fields = Object.entries(value).filter(
    ([, field]) => Array.isArray(field) || JSON.stringify(field) !== undefined
  )
  if (fields.length === 0) {
    yield '{}\n'
    return
  }
  const clock = new Slices(budgetMs)
  let piece = '{'
  for (const [position, [key, field]] of fields.entries()) {
    piece += `${position === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `
    if (!Array.isArray(field) || field.length === 0) {
      piece += stringified(field, 1)
      continue
    }
    piece += '['
    for (const [index, item] of field.entries()) {
      piece += `${index === 0 ? '' : ','}\n    ${stringified(item, 2)}`
      if ((index + 1) % CHECK_EVERY === 0 && clock.due) {
        yield piece
        piece = ''
        clock.restart()
      }
    }
    piece += '\n  ]'
  }
  yield piece + '\n}\n'
}
