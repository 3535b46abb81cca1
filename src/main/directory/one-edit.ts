/** Whether `query` is `word` from index `w` on, as a prefix, from index `q` on. */
function restIsPrefix(query: string, q: number, word: string, w: number): boolean {
  if (query.length - q > word.length - w) return false
  for (; q < query.length; q += 1, w += 1) if (query.charCodeAt(q) !== word.charCodeAt(w)) return false
  return true
}

/**
 * Whether `word` starts with `query` typed with one slip: one letter wrong, missing, added, or two
 * neighbours swapped ("mulelr", "shmidt", "schmiddt" all start "schmidt"-like words). An exact
 * prefix is not a slip and returns false: the caller has matched it already.
 */
export function startsWithOneEdit(query: string, word: string): boolean {
  let i = 0
  while (i < query.length && i < word.length && query.charCodeAt(i) === word.charCodeAt(i)) i += 1
  if (i === query.length) return false
  if (i === word.length) return query.length - i === 1
  return (
    restIsPrefix(query, i + 1, word, i + 1) || // one letter wrong
    restIsPrefix(query, i + 1, word, i) || // one letter added
    restIsPrefix(query, i, word, i + 1) || // one letter missing
    (query.charCodeAt(i) === word.charCodeAt(i + 1) &&
      query.charCodeAt(i + 1) === word.charCodeAt(i) &&
      restIsPrefix(query, i + 2, word, i + 2))
  )
}
