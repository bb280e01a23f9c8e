import { ACTIONS, type ActionRule } from '../../access/actions.ts';
import type { RegisteredRoute } from './types.ts';

export const API_PREFIX = '/api/v1';

type Json = Record<string, unknown>;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input (malformed JSON, wrong types, unknown fields): see invalidParams',
  '401': 'Not logged in, or the session expired',
  '403': 'The role does not allow this action, or the CSRF token is missing',
  '404': 'Not found, or not visible to the caller',
  '409': 'Conflicts with existing data',
  '412': 'Changed by someone else since the ETag sent in If-Match',
  '413': 'Request body too large',
  '415': 'Content-Type is not application/json',
  '428': 'If-Match header required',
  '429': 'Too many requests',
  '500': 'Unexpected error',
};

/**
 * Completes the document generated from the route schemas with what every route shares: the API-Version
 * header on success responses, problem+json error responses, security, and server-relative paths.
 */
export function finishOpenApi(doc: Json, routes: RegisteredRoute[], version: string): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  const finished: Record<string, Record<string, Json>> = {};
  // @fastify/swagger already strips the server's base path (/api/v1) from the paths.
  for (const [documentedPath, operations] of Object.entries(paths)) {
    const fullPath = documentedPath.startsWith(API_PREFIX + '/')
      ? documentedPath
      : API_PREFIX + documentedPath;
    const path = fullPath.slice(API_PREFIX.length);
    finished[path] = {};
    for (const [method, operation] of Object.entries(operations)) {
      const route = routes.find(
        (r) => r.method.toLowerCase() === method && r.url.replace(/:(\w+)/g, '{$1}') === fullPath,
      );
      if (!route) continue;
      finished[path][method] = finishOperation(operation, method, path, route);
    }
  }
  return {
    ...doc,
    paths: finished,
    components: {
      ...((doc.components as Json) ?? {}),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'grip_session',
          description: 'Session cookie from POST /session or the OpenID Connect log-in',
        },
      },
      headers: {
        ApiVersion: {
          description: 'Full version of this API (semver)',
          schema: { type: 'string', example: version },
        },
      },
    },
  };
}

function finishOperation(operation: Json, method: string, path: string, route: RegisteredRoute) {
  const rule: ActionRule = ACTIONS[route.action];
  const responses = { ...((operation.responses as Record<string, Json>) ?? {}) };
  for (const [status, response] of Object.entries(responses)) {
    if (/^[23]\d\d$/.test(status)) {
      responses[status] = {
        ...response,
        headers: {
          ...((response.headers as Json) ?? {}),
          'API-Version': { $ref: '#/components/headers/ApiVersion' },
        },
      };
    }
  }
  const errors = new Set<string>(['500']);
  const hasParams = Array.isArray(operation.parameters) && operation.parameters.length > 0;
  const writes = ['post', 'put', 'patch'].includes(method);
  if (writes || hasParams) errors.add('400');
  if (writes) {
    errors.add('413');
    errors.add('415');
  }
  if (rule.allow !== 'public') errors.add('401');
  if (rule.allow !== 'public' && rule.allow !== 'authenticated') errors.add('403');
  else if (rule.allow === 'authenticated' && method !== 'get') errors.add('403');
  if (path.includes('{')) errors.add('404');
  if (method === 'patch' || method === 'put') {
    errors.add('412');
    errors.add('428');
  }
  if (method === 'post') errors.add('409');
  errors.add('429');
  for (const status of errors) {
    if (responses[status]) continue;
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/problem+json': { schema: PROBLEM_REF } },
    };
  }
  const summary = (operation.summary as string | undefined) ?? rule.description;
  return {
    ...operation,
    summary,
    operationId:
      operation.operationId ?? route.action.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()),
    'x-grip-action': route.action,
    'x-grip-roles': rule.allow,
    ...(rule.allow === 'public' ? { security: [] } : { security: [{ session: [] }] }),
    responses,
  };
}
