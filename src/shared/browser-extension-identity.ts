/**
 * Who DeskDial's browser extension is, for its manifest and for the native messaging host's
 * manifest (which names the extensions allowed to start it).
 *
 * The Chromium manifest carries {@link EXTENSION_PUBLIC_KEY} (a base64 DER RSA public key), which
 * fixes the unpacked extension's ID to {@link CHROMIUM_EXTENSION_ID}: the first 32 hex digits of
 * sha256(key) written with the letters a–p. Firefox names the extension by {@link FIREFOX_EXTENSION_ID}.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxf0Br04aUnTvZ60aQhDLjp2zqFCR3xFeeqMU4nlAE8n8F35C8yT5of6BAj27Ywu14gviJ0caBc1/L9/R35FgtRk1rTDvbHhFH+rDsTrV1whJV+YkLxMre1c+tTKgqeBzrcHSP4Zup8aPj3NIfARylxkc2epJtnxikzagTZVEEu3EUBIoQNZ9zOtFsveABnLrIqZc+mEEUsZSj3YJYhP37g61FP4CSjHht4Vj7vqx0Bz2bpFC3gHqXGhyZbaHpEGt2xAMSb1peE7tMyi834atc3Nuf5ifEeJflwSUlPBh4SasqD8wGrY1cebp4ipVb2LRD1rV9kXdvUjXzfco4wK/uQIDAQAB'

export const CHROMIUM_EXTENSION_ID = 'mpadcajfbenpcmakoicpnehlmiegfplg'

export const FIREFOX_EXTENSION_ID = 'browser@deskdial.org'

/** The native messaging host's name: the extension asks the browser to start this host. */
export const NATIVE_HOST_NAME = 'org.deskdial.dialer'
