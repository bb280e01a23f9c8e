import type { FastifyRequest } from 'fastify';
import { ACTIONS, type ActionRule, isActionName, rolesAllowed } from '../../access/actions.ts';
import { lookupSession, SESSION_COOKIE, sessionCookieOptions } from '../../identity/sessions.ts';
import { appendProcessingLog } from '../../privacy/processing-log-repository.ts';
import type { Tx } from '../db/database.ts';
import { inTenantTransaction } from '../db/tenant-transaction.ts';
import { problem } from './problem.ts';
import type { Deps, GripApp, RegisteredRoute } from './types.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Access control for every route, in one place:
 *  1. onRoute: a route without a known action in src/access/actions.ts cannot be registered;
 *  2. onRequest: the session is resolved, the action's rule applied (401/403 before any input is
 *     parsed), and unsafe requests carry the session's CSRF token;
 *  3. request.tenant(): the handler's data access runs confined to the caller's municipality and the
 *     processing-log entry for personal data is written in that same transaction;
 *  4. onSend: denied or failed attempts on personal data are logged too.
 */
export function installAccessControl(app: GripApp, deps: Deps, registry: RegisteredRoute[]): void {
  app.addHook('onRoute', (route) => {
    const action = route.config?.action;
    if (!isActionName(action)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} has no known action; add config.action and a rule in src/access/actions.ts`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      registry.push({ method, url: route.url, action });
    }
  });

  app.decorateRequest('grip', null as never);
  app.decorateRequest('tenant', function tenant<T>(this: FastifyRequest, work: (tx: Tx) => Promise<T>) {
    return runInTenant(deps, this, work);
  });
  app.decorateRequest(
    'recordSubjects',
    function recordSubjects(this: FastifyRequest, type: string, ids: Iterable<string>) {
      this.grip.subjectType = type;
      for (const id of ids) this.grip.subjectIds.add(id);
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    const action = request.routeOptions.config.action;
    if (!isActionName(action)) throw problem(404, 'not-found', { nl: 'Niet gevonden.', en: 'Not found.' });
    request.grip = {
      action,
      actor: null,
      role: null,
      subjectType: null,
      subjectIds: new Set(),
      logged: false,
      publicMunicipalityCode: null,
    };
    const rule: ActionRule = ACTIONS[action];
    // Public pages, files and probes need no caller: no database round trip for them.
    if (rule.allow === 'public' && !rule.readsSession) return;
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await lookupSession(deps.database, deps.config, cookie) : null;
    if (session?.actor) request.grip.actor = session.actor;
    else if (cookie) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.config));

    if (rule.allow === 'public') return;
    const actor = request.grip.actor;
    if (!actor) {
      const expired = session?.actor === null && session.reason === 'expired';
      throw problem(
        401,
        expired ? 'session-expired' : 'not-authenticated',
        expired
          ? {
              nl: 'Uw sessie is verlopen. Log opnieuw in.',
              en: 'Your session has expired. Please log in again.',
            }
          : { nl: 'Log eerst in.', en: 'Please log in first.' },
      );
    }
    const allowed = rolesAllowed(
      action,
      actor.roles.map((r) => r.role),
    );
    if (allowed.length === 0) {
      throw problem(403, 'forbidden', {
        nl: 'Uw rol geeft geen toegang tot deze handeling.',
        en: 'Your role does not allow this action.',
      });
    }
    request.grip.role = allowed[0]!;
    if (UNSAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== actor.csrfToken) {
      throw problem(403, 'csrf-token-invalid', {
        nl: 'Het beveiligingstoken (X-CSRF-Token) ontbreekt of klopt niet. Laad de pagina opnieuw.',
        en: 'The security token (X-CSRF-Token) is missing or wrong. Reload the page.',
      });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const grip = request.grip as RequestGrip | null;
    if (!grip || grip.logged) return payload;
    const rule: ActionRule = ACTIONS[grip.action];
    if (!rule.personalData) return payload;
    const status = reply.statusCode;
    if (!grip.actor) {
      // A public personal-data action (no log-in) that failed after it knew its municipality: logged
      // there without a user. One that failed before (a malformed body or token) touched nobody's data.
      if (grip.publicMunicipalityCode && status >= 400) {
        const municipalityCode = grip.publicMunicipalityCode;
        await inTenantTransaction(deps.database, municipalityCode, (tx) =>
          appendProcessingLog(tx, {
            ...entryFor(request, status === 403 ? 'denied' : 'error', status),
            municipalityCode,
          }),
        );
        grip.logged = true;
      }
      return payload;
    }
    if (status < 400) {
      request.log.error({ action: grip.action }, 'personal-data action finished without request.tenant()');
    }
    await inTenantTransaction(deps.database, grip.actor.municipalityCode, (tx) =>
      appendProcessingLog(
        tx,
        entryFor(request, status < 400 ? 'success' : status === 403 ? 'denied' : 'error', status),
      ),
    );
    grip.logged = true;
    return payload;
  });
}

type RequestGrip = FastifyRequest['grip'];

function entryFor(request: FastifyRequest, outcome: 'success' | 'denied' | 'error', status: number | null) {
  const grip = request.grip;
  const rule: ActionRule = ACTIONS[grip.action];
  return {
    municipalityCode: grip.actor?.municipalityCode ?? grip.publicMunicipalityCode!,
    requestId: String(request.id),
    actorUserId: grip.actor?.userId ?? null,
    actorRole: grip.role ?? grip.actor?.roles[0]?.role ?? null,
    action: grip.action,
    purpose: rule.purpose ?? 'onbekend',
    legalGround: rule.legalGround ?? 'onbekend',
    subjectType: grip.subjectType,
    subjectIds: [...grip.subjectIds],
    outcome,
    httpStatus: status,
  };
}

async function runInTenant<T>(deps: Deps, request: FastifyRequest, work: (tx: Tx) => Promise<T>): Promise<T> {
  const actor = request.grip.actor;
  if (!actor) throw new Error('request.tenant() needs an authenticated actor');
  const rule: ActionRule = ACTIONS[request.grip.action];
  return inTenantTransaction(deps.database, actor.municipalityCode, async (tx) => {
    const result = await work(tx);
    if (rule.personalData) {
      await appendProcessingLog(tx, entryFor(request, 'success', null));
      request.grip.logged = true;
    }
    return result;
  });
}
