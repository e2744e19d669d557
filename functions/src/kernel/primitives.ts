/** Small zod building blocks shared by several features' contracts. */
import { z } from 'zod';

/** An instant as the API writes it: ISO-8601 in UTC (what Date#toISOString produces). */
export const isoDateTime = z.iso.datetime().meta({ example: '2025-01-31T09:30:00.000Z' });
/** An instant a client sends: ISO-8601 with `Z` or a UTC offset (query filters, expiry dates). */
export const isoDateTimeInput = z.iso.datetime({ offset: true });
/** Required free text as the API accepts it: trimmed, not empty once trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
