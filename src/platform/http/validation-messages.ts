import type { z } from 'zod';
import type { Bilingual, InvalidParam } from './problem.ts';

type Issue = z.core.$ZodIssue;

/** Turns zod issues into per-field problems with a Dutch and an English reason. */
export function invalidParamsFromIssues(issues: readonly Issue[], location: string): InvalidParam[] {
  const params: InvalidParam[] = [];
  for (const issue of issues) {
    const base = [location, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        params.push({
          name: base ? `${base}.${key}` : key,
          code: 'unknown-field',
          reason: { nl: 'Dit veld is onbekend.', en: 'This field is not known.' },
        });
      }
      continue;
    }
    params.push({ name: base || location, code: codeOf(issue), reason: reasonOf(issue) });
  }
  return params;
}

/** zod reports a missing field as invalid_type with input undefined ("received undefined" in its message). */
function isMissing(issue: Issue): boolean {
  return (
    issue.code === 'invalid_type' &&
    (issue.input === undefined ? /received undefined/.test(issue.message) : false)
  );
}

function codeOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? 'required' : 'invalid-type';
    case 'too_small':
      return 'too-small';
    case 'too_big':
      return 'too-big';
    case 'invalid_format':
      return 'invalid-format';
    case 'invalid_value':
      return 'invalid-value';
    default:
      return issue.code.replace(/_/g, '-');
  }
}

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { nl: 'tekst', en: 'text' },
  number: { nl: 'getal', en: 'number' },
  int: { nl: 'geheel getal', en: 'integer' },
  boolean: { nl: 'ja/nee-waarde', en: 'boolean' },
  object: { nl: 'object', en: 'object' },
  array: { nl: 'lijst', en: 'list' },
};

function reasonOf(issue: Issue): Bilingual {
  // Custom refinements carry their own bilingual message as "nl|en".
  if (issue.code === 'custom' && issue.message.includes('|')) {
    const [nl, en] = issue.message.split('|') as [string, string];
    return { nl, en };
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (isMissing(issue)) return { nl: 'Dit veld is verplicht.', en: 'This field is required.' };
      const type = TYPE_NAMES[issue.expected] ?? { nl: issue.expected, en: issue.expected };
      return { nl: `Verwacht: ${type.nl}.`, en: `Expected: ${type.en}.` };
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? { nl: 'Dit veld mag niet leeg zijn.', en: 'This field must not be empty.' }
          : {
              nl: `Minimaal ${issue.minimum} tekens.`,
              en: `At least ${issue.minimum} characters.`,
            };
      }
      if (issue.origin === 'array') {
        return { nl: `Minimaal ${issue.minimum} items.`, en: `At least ${issue.minimum} items.` };
      }
      return { nl: `Minimaal ${issue.minimum}.`, en: `At least ${issue.minimum}.` };
    case 'too_big':
      if (issue.origin === 'string') {
        return { nl: `Maximaal ${issue.maximum} tekens.`, en: `At most ${issue.maximum} characters.` };
      }
      if (issue.origin === 'array') {
        return { nl: `Maximaal ${issue.maximum} items.`, en: `At most ${issue.maximum} items.` };
      }
      return { nl: `Maximaal ${issue.maximum}.`, en: `At most ${issue.maximum}.` };
    case 'invalid_format': {
      const format = issue.format;
      if (format === 'date') {
        return { nl: 'Geen geldige datum (JJJJ-MM-DD).', en: 'Not a valid date (YYYY-MM-DD).' };
      }
      if (format === 'datetime') {
        return {
          nl: 'Geen geldig tijdstip (RFC 3339 met tijdzone).',
          en: 'Not a valid date-time (RFC 3339 with time zone).',
        };
      }
      if (format === 'uuid') return { nl: 'Geen geldige id (UUID).', en: 'Not a valid id (UUID).' };
      if (format === 'email') return { nl: 'Geen geldig e-mailadres.', en: 'Not a valid e-mail address.' };
      return { nl: 'Heeft niet de juiste vorm.', en: 'Does not have the right format.' };
    }
    case 'invalid_value':
      return {
        nl: `Kies een van: ${issue.values.map(String).join(', ')}.`,
        en: `Choose one of: ${issue.values.map(String).join(', ')}.`,
      };
    default:
      return { nl: 'Ongeldige waarde.', en: 'Invalid value.' };
  }
}
