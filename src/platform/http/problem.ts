import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * RFC 9457 problem details, as the NLGov API Design Rules ask, with the message in Dutch and English.
 * `title` and `detail` follow Accept-Language (Dutch unless English is preferred); `nl` and `en` carry both.
 */

export interface Bilingual {
  nl: string;
  en: string;
}

export interface InvalidParam {
  name: string;
  code: string;
  reason: Bilingual;
}

export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly titleText: Bilingual;
  readonly detailText: Bilingual;
  readonly invalidParams: InvalidParam[];
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    code: string;
    title: Bilingual;
    detail: Bilingual;
    invalidParams?: InvalidParam[];
    headers?: Record<string, string>;
  }) {
    super(options.detail.en);
    this.status = options.status;
    this.code = options.code;
    this.titleText = options.title;
    this.detailText = options.detail;
    this.invalidParams = options.invalidParams ?? [];
    this.headers = options.headers ?? {};
  }
}

const TITLES: Record<number, Bilingual> = {
  400: { nl: 'Ongeldige invoer', en: 'Invalid input' },
  401: { nl: 'Niet ingelogd', en: 'Not logged in' },
  403: { nl: 'Geen toegang', en: 'Forbidden' },
  404: { nl: 'Niet gevonden', en: 'Not found' },
  405: { nl: 'Methode niet toegestaan', en: 'Method not allowed' },
  409: { nl: 'Conflict', en: 'Conflict' },
  412: { nl: 'Gewijzigd door iemand anders', en: 'Changed by someone else' },
  413: { nl: 'Verzoek te groot', en: 'Request too large' },
  415: { nl: 'Verkeerd inhoudstype', en: 'Unsupported media type' },
  423: { nl: 'Vergrendeld', en: 'Locked' },
  428: { nl: 'Versie ontbreekt', en: 'Precondition required' },
  429: { nl: 'Te veel verzoeken', en: 'Too many requests' },
  500: { nl: 'Er ging iets mis', en: 'Something went wrong' },
  503: { nl: 'Niet beschikbaar', en: 'Service unavailable' },
};

export function problem(
  status: number,
  code: string,
  detail: Bilingual,
  extra: { invalidParams?: InvalidParam[]; title?: Bilingual; headers?: Record<string, string> } = {},
): Problem {
  return new Problem({
    status,
    code,
    title: extra.title ?? TITLES[status] ?? TITLES[500]!,
    detail,
    invalidParams: extra.invalidParams,
    headers: extra.headers,
  });
}

export const notFound = (what: Bilingual) =>
  problem(404, 'not-found', {
    nl: `${what.nl} bestaat niet of u heeft er geen toegang toe.`,
    en: `${what.en} does not exist or you have no access to it.`,
  });

export const invalid = (params: InvalidParam[]) =>
  problem(
    400,
    'invalid-input',
    {
      nl: 'Een of meer velden zijn niet goed ingevuld. Zie invalidParams.',
      en: 'One or more fields are not valid. See invalidParams.',
    },
    { invalidParams: params },
  );

export function prefersEnglish(request: FastifyRequest): boolean {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return false;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

export function problemBody(p: Problem, request: FastifyRequest) {
  const lang = prefersEnglish(request) ? 'en' : 'nl';
  return {
    type: `https://grip.example/problems/${p.code}`,
    title: p.titleText[lang],
    status: p.status,
    detail: p.detailText[lang],
    instance: `urn:uuid:${request.id}`,
    code: p.code,
    nl: { title: p.titleText.nl, detail: p.detailText.nl },
    en: { title: p.titleText.en, detail: p.detailText.en },
    ...(p.invalidParams.length > 0
      ? {
          invalidParams: p.invalidParams.map((param) => ({
            name: param.name,
            code: param.code,
            reason: param.reason[lang],
            nl: param.reason.nl,
            en: param.reason.en,
          })),
        }
      : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  for (const [name, value] of Object.entries(p.headers)) reply.header(name, value);
  return reply
    .code(p.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problemBody(p, reply.request)));
}

/** JSON schema of the problem body, for the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    nl: z.object({ title: z.string(), detail: z.string() }),
    en: z.object({ title: z.string(), detail: z.string() }),
    invalidParams: z
      .array(
        z.object({ name: z.string(), code: z.string(), reason: z.string(), nl: z.string(), en: z.string() }),
      )
      .optional(),
  })
  .describe('RFC 9457 problem details with Dutch and English text');
