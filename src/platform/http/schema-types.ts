import { z } from 'zod';

/** A date or null; `format: date` on the property itself, as the NLGov rules ask of every *Date field. */
export const nullableDate = () => z.iso.date().nullable().meta({ format: 'date' });
