import type { Deps, GripApp } from '../platform/http/types.ts';
import { problem } from '../platform/http/problem.ts';

// Replaced by the OpenID Connect implementation.
export function registerOidcRoutes(app: GripApp, _deps: Deps): void {
  const notConfigured = async () => {
    throw problem(404, 'oidc-not-configured', { nl: 'Niet ingesteld.', en: 'Not configured.' });
  };
  app.get('/auth/oidc/login', { config: { action: 'oidc.start' }, schema: { hide: true } }, notConfigured);
  app.get('/auth/oidc/callback', { config: { action: 'oidc.callback' }, schema: { hide: true } }, notConfigured);
}
