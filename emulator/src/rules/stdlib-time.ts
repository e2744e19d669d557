/**
 * Timestamp and duration functions of the rules standard library
 * (https://firebase.google.com/docs/reference/rules/rules.Timestamp,
 * rules.timestamp, rules.Duration, rules.duration).
 *
 * Timestamps and durations are exact nanosecond bigints. Calendar fields are
 * UTC unless a time zone name is passed (`year('America/New_York')`, as the
 * reference allows), resolved through Intl.
 * Chosen where the reference is silent: dayOfWeek() is ISO (1 = Monday ..
 * 7 = Sunday).
 */
import { checkInt, RDuration, RError, RTimestamp, typeName, type Result, type RVal } from './values';

const NS = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS;
/** The range of a JS Date; Firestore timestamps (years 1..9999) are well inside it. */
const MAX_DATE_MS = 8.64e15;

export const TIMESTAMP_METHODS = [
  'year', 'month', 'day', 'hour', 'minute', 'second', 'nanos', 'dayOfWeek', 'dayOfYear', 'date', 'time', 'toMillis',
];

interface Fields { year: number; month: number; day: number; hour: number; minute: number; second: number }

function utcFields(ms: number): Fields {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

function zonedFields(ms: number, tz: string): Fields | RError {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(new Date(ms));
  } catch {
    return new RError(`Unknown time zone '${tz}'`);
  }
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `ts.name(args)` */
export function timestampMethod(ts: RTimestamp, name: string, args: RVal[]): Result {
  const ms = Number(floorDiv(ts.nanos, 1_000_000n));
  if (Math.abs(ms) > MAX_DATE_MS) return new RError('Timestamp out of range');
  const nanos = ts.nanos - floorDiv(ts.nanos, NS) * NS;
  if (name === 'toMillis' && args.length === 0) return BigInt(ms);
  if (name === 'nanos' && args.length === 0) return nanos;
  if (name === 'date' && args.length === 0) return new RTimestamp(floorDiv(ts.nanos, NS_PER_DAY) * NS_PER_DAY);
  if (name === 'time' && args.length === 0) return new RDuration(ts.nanos - floorDiv(ts.nanos, NS_PER_DAY) * NS_PER_DAY);
  const tz = args[0];
  if (args.length > 1 || (tz !== undefined && typeof tz !== 'string')) return new RError(`${name}() takes an optional time zone string`);
  const f = tz === undefined || tz === 'UTC' ? utcFields(ms) : zonedFields(ms, tz);
  if (f instanceof RError) return f;
  switch (name) {
    case 'year': return BigInt(f.year);
    case 'month': return BigInt(f.month);
    case 'day': return BigInt(f.day);
    case 'hour': return BigInt(f.hour);
    case 'minute': return BigInt(f.minute);
    case 'second': return BigInt(f.second);
    case 'dayOfWeek': {
      const w = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
      return BigInt(w === 0 ? 7 : w);
    }
    case 'dayOfYear': {
      const start = Date.UTC(f.year, 0, 1);
      return BigInt(Math.round((Date.UTC(f.year, f.month - 1, f.day) - start) / 86_400_000) + 1);
    }
    default: return new RError(`Function not found error: Name: [${name}] on timestamp`);
  }
}

const UNITS: Record<string, bigint> = { w: 7n * NS_PER_DAY, d: NS_PER_DAY, h: 3600n * NS, m: 60n * NS, s: NS, ms: 1_000_000n, ns: 1n };

function int(v: RVal | undefined): bigint | null {
  return typeof v === 'bigint' ? v : null;
}

/** `timestamp.*` and `duration.*` namespace functions; undefined when `name` is not one of them. */
export function timeGlobal(name: string, args: RVal[]): Result | undefined {
  const [a, b, c, d] = args;
  switch (name) {
    case 'timestamp.value': {
      const x = int(a);
      return x === null || args.length !== 1 ? argError(name, args) : new RTimestamp(x * 1_000_000n);
    }
    case 'timestamp.date': {
      const [y, m, dd] = [int(a), int(b), int(c)];
      if (y === null || m === null || dd === null || args.length !== 3) return argError(name, args);
      const ms = Date.UTC(Number(y), Number(m) - 1, Number(dd));
      const back = new Date(ms);
      if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(dd)) return new RError('Invalid date');
      return new RTimestamp(BigInt(ms) * 1_000_000n);
    }
    case 'duration.value': {
      const x = int(a);
      const unit = typeof b === 'string' ? UNITS[b] : undefined;
      if (x === null || unit === undefined || args.length !== 2) return argError(name, args);
      const v = checkInt(x * unit);
      return v instanceof RError ? v : new RDuration(v);
    }
    case 'duration.time': {
      const [h, m, s, ns] = [int(a), int(b), int(c), int(d)];
      if (h === null || m === null || s === null || ns === null || args.length !== 4) return argError(name, args);
      return new RDuration(h * 3600n * NS + m * 60n * NS + s * NS + ns);
    }
    case 'duration.abs':
      return a instanceof RDuration && args.length === 1 ? new RDuration(a.nanos < 0n ? -a.nanos : a.nanos) : argError(name, args);
    default: return undefined;
  }
}

export function argError(name: string, args: RVal[]): RError {
  return new RError(`Function not found error: Name: [${name}] with arguments (${args.map(typeName).join(', ')})`);
}
