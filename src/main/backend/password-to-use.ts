/**
 * The password a save or a test goes on with: the one typed ('' for none), else the stored one.
 * A stored password may only serve the identity it was saved with (the account, or the directory
 * server and bind DN): when that changed, it must be typed again (`retype`).
 */
export async function passwordToUse(
  typed: string | undefined,
  sameIdentity: boolean,
  stored: () => Promise<string | undefined>
): Promise<{ retype: true } | { retype: false; password: string | undefined }> {
  if (typed !== undefined) return { retype: false, password: typed || undefined }
  if (sameIdentity) return { retype: false, password: await stored() }
  return (await stored()) === undefined ? { retype: false, password: undefined } : { retype: true }
}
