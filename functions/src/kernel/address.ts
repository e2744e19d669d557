/**
 * Postal address and country code: shared by the profile (users/) and the KYC
 * applicant (kyc/), so both accept and normalise them the same way.
 */
import { z } from 'zod';
import { isValid as isIsoCountry } from 'i18n-iso-countries';
import { text } from './primitives';

/** ISO 3166-1 alpha-2, accepted in any case and normalised to upper case. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'Use an ISO 3166-1 alpha-2 country code, e.g. DE.', abort: true })
  .refine((code) => isIsoCountry(code), 'Unknown ISO 3166-1 alpha-2 country code.')
  .meta({ description: 'ISO 3166-1 alpha-2 country code (upper case).', example: 'DE' });

export const AddressSchema = z
  .strictObject({
    line1: text(200),
    line2: text(200).optional(),
    city: text(100),
    postalCode: text(20),
    region: text(100).optional(),
    country: CountryCodeSchema,
  })
  .meta({
    id: 'Address',
    description: 'Postal address. Replaced as a whole on update.',
    example: { line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'DE' },
  });
