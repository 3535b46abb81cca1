import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/sip/**/*.test.ts',
      'test/demo-pbx/**/*.test.ts',
      'test/ldap/**/*.test.ts'
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // SIPp peers bind loopback ports: keep files sequential so runs stay bounded and predictable.
    fileParallelism: false
  }
})
