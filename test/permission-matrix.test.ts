import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACTIONS, type ActionRule } from '../src/access/actions.ts';
import { ROLES, type Role } from '../src/access/roles.ts';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { installAccessControl } from '../src/platform/http/access-hooks.ts';
import { createTestApp, type Client, type TestApp } from './helpers/test-app.ts';

/**
 * Calls every registered route as every role (and anonymously) and checks allowed/denied against the one
 * permission table in src/access/actions.ts. A new route without a rule cannot even be registered, and a
 * new route is covered here automatically.
 */
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function concreteUrl(url: string): string {
  return url.replace(/:(\w+)/g, SAMPLE_ID).replace('/*', '/some/page');
}

function expectation(rule: ActionRule, role: Role | null): 'allowed' | 'unauthenticated' | 'forbidden' {
  if (rule.allow === 'public') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (rule.allow === 'authenticated') return 'allowed';
  return rule.allow.includes(role) ? 'allowed' : 'forbidden';
}

describe('permission matrix', () => {
  let grip: TestApp;
  const clients = new Map<Role, Client>();
  before(async () => {
    grip = await createTestApp();
    for (const role of ROLES) clients.set(role, await grip.login(role));
  });
  after(() => grip.close());

  test('every route has an action with a rule, and every action is used by a route', () => {
    assert.ok(grip.routes.length >= 15, `expected the API's routes, got ${grip.routes.length}`);
    const used = new Set(grip.routes.map((r) => r.action));
    for (const action of Object.keys(ACTIONS))
      assert.ok(used.has(action as never), `action ${action} has no route`);
  });

  test('a route without an action cannot be registered', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    installAccessControl(app, { config: grip.config, database: grip.database }, []);
    assert.throws(() => app.get('/api/v1/unruled', async () => 'x'), /no known action/);
    assert.throws(
      () => app.get('/api/v1/misspelled', { config: { action: 'person.raed' as never } }, async () => 'x'),
      /no known action/,
    );
    app.get('/api/v1/ruled', { config: { action: 'person.read' } }, async () => 'x');
    await app.close();
  });

  test('every route as every role matches the table', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of grip.routes) {
      if (route.action === 'session.delete') continue; // logging out would end the shared sessions; below
      const rule: ActionRule = ACTIONS[route.action];
      for (const role of [null, ...ROLES]) {
        const client = role ? clients.get(role)! : grip.anonymous();
        const response = await client.request(route.method as 'GET', concreteUrl(route.url), {
          body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
        });
        const expected = expectation(rule, role);
        const status = response.statusCode;
        const ok =
          expected === 'allowed'
            ? status !== 401 && status !== 403
            : expected === 'unauthenticated'
              ? status === 401
              : status === 403 && response.json().code === 'forbidden';
        if (!ok)
          mismatches.push(
            `${route.method} ${route.url} as ${role ?? 'anonymous'}: expected ${expected}, got ${status}`,
          );
        if (status >= 400) {
          assert.match(
            String(response.headers['content-type']),
            /application\/problem\+json/,
            `${route.method} ${route.url}`,
          );
        }
        checked++;
      }
    }
    assert.deepEqual(mismatches, []);
    assert.ok(checked >= 15 * 9);
  });

  test('log-out is allowed for every role and ends only that session', async () => {
    for (const role of ROLES) {
      const fresh = await grip.anonymous().post('/api/v1/session', {
        username: `${role === 'beleidsadviseur' ? 'beleid' : role === 'functioneel-beheerder' ? 'beheer' : role === 'privacy-officer' ? 'privacy' : role.split('-')[0]}@hengelo.demo`,
        password: `${role === 'beleidsadviseur' ? 'beleid' : role === 'functioneel-beheerder' ? 'beheer' : role === 'privacy-officer' ? 'privacy' : role.split('-')[0]}-demo-2026`,
      });
      assert.equal(fresh.statusCode, 201, fresh.body);
      const cookie = `grip_session=${fresh.cookies.find((c) => c.name === 'grip_session')!.value}`;
      const out = await grip.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie, 'x-csrf-token': fresh.json().csrfToken },
      });
      assert.equal(out.statusCode, 204, `${role}: ${out.body}`);
      const again = await grip.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
      assert.equal(again.statusCode, 401);
    }
    const anonymous = await grip.anonymous().delete('/api/v1/session');
    assert.equal(anonymous.statusCode, 401);
  });
});
