import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

/**
 * A real OpenID Provider for tests: the `oidc-provider` package on 127.0.0.1 with a random port, with its
 * development log-in and consent pages, an in-memory account list and freshly generated signing keys.
 * And a minimal "browser" that follows redirects by hand, keeps cookies per host and submits the
 * provider's HTML forms, so a test can walk the authorization-code flow exactly as a user would.
 */

export interface TestProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

interface ProviderInstance {
  callback(): http.RequestListener;
  on(event: string, listener: (...args: unknown[]) => void): void;
  silent: boolean;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/** Ports that are free right now, reserved together so that they differ (for servers whose URL must be known before they start). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/** oidc-provider writes its development notices straight to the console; keep test output clean. */
function silenceProviderNotices(): () => void {
  const { info, warn } = console;
  const isNotice = (args: unknown[]) => typeof args[0] === 'string' && args[0].includes('oidc-provider ');
  console.info = (...args: unknown[]) => {
    if (!isNotice(args)) info(...args);
  };
  console.warn = (...args: unknown[]) => {
    if (!isNotice(args)) warn(...args);
  };
  return () => {
    console.info = info;
    console.warn = warn;
  };
}

/**
 * @param accounts subject → extra claims the provider knows (`sub` is the key).
 */
export async function startOidcProvider(options: {
  clients: TestProviderClient[];
  accounts: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
  const restoreConsole = silenceProviderNotices();
  // oidc-provider ships no type declarations; a computed specifier keeps TypeScript from looking for them.
  const specifier = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderConstructor };

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-signing-key',
    alg: 'RS256',
    use: 'sig',
  };

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const claims = options.accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ ...claims, sub: id }) };
    },
  });
  provider.silent = true;
  server.on('request', provider.callback());

  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      restoreConsole();
    },
  };
}

/** Cookies per host, sent back on every request to that host (path and expiry are kept simple). */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string | undefined): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    if (value === undefined) cookies.delete(name);
    else cookies.set(name, value);
  }

  async request(url: string, init: { method?: 'GET' | 'POST'; form?: Record<string, string> } = {}) {
    const cookies = this.jar.get(new URL(url).host);
    const headers: Record<string, string> = {};
    if (cookies && cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const removed = attributes.some((a) => {
        const [key = '', val = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now();
        return false;
      });
      this.setCookie(url, name, removed || value === '' ? undefined : value);
    }
    return response;
  }
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeHtml(match[1]!) : undefined;
}

function decodeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Walks the provider's pages from the authorization URL until the provider sends the browser back to
 * `callbackPrefix`, and returns that URL (without calling it, so a test can tamper with it first).
 * `login` is typed into the development log-in form as the account id; `deny` presses Cancel instead.
 */
export async function authorizeAtProvider(
  browser: Browser,
  authorizationUrl: string,
  callbackPrefix: string,
  user: { login: string } | { deny: true },
): Promise<string> {
  let url = authorizationUrl;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 20; step += 1) {
    if (url.startsWith(callbackPrefix)) return url;
    const response = await browser.request(url, form ? { method: 'POST', form } : {});
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) {
      throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
    }
    if ('deny' in user) {
      const cancel = /<a href="([^"]*\/abort)"/.exec(html);
      if (!cancel) throw new Error('no Cancel link on the provider page');
      url = new URL(decodeHtml(cancel[1]!), url).href;
      continue;
    }
    const formTag = /<form[^>]*>/.exec(html)?.[0];
    const action = formTag && attribute(formTag, 'action');
    if (!action) throw new Error(`no form on the provider page: ${html.slice(0, 300)}`);
    const fields: Record<string, string> = {};
    for (const input of html.match(/<input[^>]*>/g) ?? []) {
      const name = attribute(input, 'name');
      if (name && attribute(input, 'type') === 'hidden') fields[name] = attribute(input, 'value') ?? '';
    }
    if (fields.prompt === 'login') {
      fields.login = user.login;
      fields.password = 'any password: the development log-in page does not check it';
    } else if (fields.prompt !== 'consent') {
      throw new Error(`unexpected provider prompt ${fields.prompt}`);
    }
    url = new URL(action, url).href;
    form = fields;
  }
  throw new Error('too many steps at the provider');
}
