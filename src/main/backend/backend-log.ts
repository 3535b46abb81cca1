export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Where the backend's diagnostics go (the app's log file, the test's output). */
export type BackendLog = (level: LogLevel, message: string) => void
