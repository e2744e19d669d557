/**
 * The structured log entries (firebase-functions logger) written by the code
 * under test in this test file, recorded by test/jest-setup.ts instead of
 * being printed. Tests that expect an error to be logged assert it here.
 */

/** One structured log entry: the event name is `message`. */
export interface LogEntry {
  severity: string;
  message: string;
  [field: string]: unknown;
}

const entries: LogEntry[] = [];

/** Record `line` if it is a structured log entry; false for anything else. */
export function recordLog(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const entry = JSON.parse(line) as Partial<LogEntry>;
    if (typeof entry.severity !== 'string' || typeof entry.message !== 'string') return false;
    entries.push(entry as LogEntry);
    return true;
  } catch {
    return false;
  }
}

/** Entries logged so far in this test file whose event (first line of `message`) is `event`. */
export function loggedEvents(event: string): LogEntry[] {
  return entries.filter((entry) => entry.message.split('\n')[0].replace(/^Error: /, '') === event);
}
