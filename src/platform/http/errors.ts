import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { invalid, problem, Problem, sendProblem } from './problem.ts';
import { invalidParamsFromIssues } from './validation-messages.ts';

/** Maps every error to a problem+json answer; unexpected ones are logged and answered with a bare 500. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, toProblem(error, request));
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = { body: '', querystring: 'query', params: 'path', headers: 'header' }[
      error.validationContext ?? 'body'
    ];
    const issues = error.validation.map(
      (v) =>
        ({
          ...(v.params as object),
          code: v.keyword,
          message: v.message,
          path: v.instancePath.split('/').filter(Boolean),
        }) as unknown as z.core.$ZodIssue,
    );
    return invalid(invalidParamsFromIssues(issues, location ?? ''));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body-too-large', {
        nl: 'Het verzoek is groter dan toegestaan.',
        en: 'The request body is larger than allowed.',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported-media-type', {
        nl: 'Stuur de gegevens als JSON (Content-Type: application/json).',
        en: 'Send the data as JSON (Content-Type: application/json).',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'empty-body', {
        nl: 'Het verzoek heeft geen inhoud, maar er werd JSON verwacht.',
        en: 'The request has no body, but JSON was expected.',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return malformedJson();
    case 'FST_ERR_RATE_LIMIT':
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return tooManyRequests();
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return malformedJson();
  }
  if (error.statusCode === 429) return tooManyRequests();
  const pgCode = (error as unknown as { code?: string }).code;
  if (pgCode === '23505') {
    return problem(409, 'already-exists', {
      nl: 'Dit bestaat al (een unieke waarde is al in gebruik).',
      en: 'This already exists (a unique value is already in use).',
    });
  }
  if (pgCode === '23514' || pgCode === '23503' || pgCode === '22007' || pgCode === '22008') {
    return problem(400, 'constraint-violated', {
      nl: 'De gegevens voldoen niet aan de regels van de database.',
      en: 'The data does not satisfy the database rules.',
    });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, 'request-error', {
      nl: 'Het verzoek kan niet worden verwerkt.',
      en: 'The request cannot be processed.',
    });
  }
  request.log.error(
    { err: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
    'unexpected error',
  );
  return problem(500, 'internal-error', {
    nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    en: 'Something went wrong on our side. Please try again later.',
  });
}

function malformedJson() {
  return problem(400, 'malformed-json', {
    nl: 'De JSON in het verzoek is niet geldig.',
    en: 'The JSON in the request is not valid.',
  });
}

function tooManyRequests() {
  return problem(429, 'too-many-requests', {
    nl: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
    en: 'Too many requests. Wait a moment and try again.',
  });
}
