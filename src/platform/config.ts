import path from 'node:path';

/** Secret used only in demo mode. A production start refuses it. */
export const DEMO_SESSION_SECRET = 'grip-demo-secret-do-not-use-in-production-0000';

export type GripMode = 'demo' | 'production';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  municipality: string;
  scopes: string;
  /** Claim whose value is matched against a user's oidc_subject; `sub` by default. */
  subjectClaim: string;
  /**
   * Claim that carries the resident's BSN (DigiD through a broker). When set, a first log-in whose
   * subject has no account gets a resident (inwoner) account linked to the person with that BSN.
   */
  residentBsnClaim: string | undefined;
}

export interface GripConfig {
  mode: GripMode;
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  dbAppRole: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxAttempts: number;
  loginLockMinutes: number;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  defaultMunicipality: string;
  oidc: OidcConfig | undefined;
  webDir: string;
  /** Demo mode: the synthetic municipality generated into the default municipality on first start. */
  demoDataset: { inhabitants: number; years: number } | undefined;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return value;
}

function demoDataset(env: Env): GripConfig['demoDataset'] {
  const inhabitants = int(env, 'GRIP_DEMO_INHABITANTS', 81_000, 0);
  if (inhabitants === 0) return undefined;
  if (inhabitants < 1_000 || inhabitants > 5_000_000) {
    throw new ConfigError(
      `GRIP_DEMO_INHABITANTS must be 0 (no generated demo) or from 1000 to 5000000, got ${inhabitants}`,
    );
  }
  const years = int(env, 'GRIP_DEMO_YEARS', 3);
  if (years > 20) throw new ConfigError(`GRIP_DEMO_YEARS must be from 1 to 20, got ${years}`);
  return { inhabitants, years };
}

/**
 * Reads the configuration from the environment. Every variable is documented in README.md
 * (section "Configuratie"); keep the two in step.
 */
export function loadConfig(env: Env = process.env): GripConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  const explicitMode = env.GRIP_MODE;
  if (explicitMode !== undefined && explicitMode !== 'demo' && explicitMode !== 'production') {
    throw new ConfigError(`GRIP_MODE must be "demo" or "production", got "${explicitMode}"`);
  }
  const mode: GripMode =
    (explicitMode as GripMode | undefined) ??
    (databaseUrl || env.NODE_ENV === 'production' ? 'production' : 'demo');

  const sessionSecret = env.GRIP_SESSION_SECRET ?? (mode === 'demo' ? DEMO_SESSION_SECRET : '');
  if (mode === 'production') {
    if (!sessionSecret) throw new ConfigError('GRIP_SESSION_SECRET is required in production mode');
    if (sessionSecret === DEMO_SESSION_SECRET) {
      throw new ConfigError('GRIP_SESSION_SECRET is the demo default; set a secret of your own');
    }
    if (sessionSecret.length < 32)
      throw new ConfigError('GRIP_SESSION_SECRET must be at least 32 characters');
  }

  const port = int(env, 'GRIP_PORT', int(env, 'PORT', 8080, 0), 0);
  const host = env.GRIP_HOST || '127.0.0.1';
  const publicUrl = (env.GRIP_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const defaultMunicipality = env.GRIP_DEFAULT_MUNICIPALITY || 'GM0164';
  if (!/^GM\d{4}$/.test(defaultMunicipality)) {
    throw new ConfigError('GRIP_DEFAULT_MUNICIPALITY must be a CBS code such as GM0164');
  }

  let oidc: OidcConfig | undefined;
  if (env.GRIP_OIDC_ISSUER) {
    const issuer = URL.canParse(env.GRIP_OIDC_ISSUER) ? new URL(env.GRIP_OIDC_ISSUER) : null;
    const loopback = ['localhost', '127.0.0.1', '[::1]'];
    if (!issuer || (issuer.protocol !== 'https:' && !loopback.includes(issuer.hostname))) {
      throw new ConfigError('GRIP_OIDC_ISSUER must be an https URL (http only for localhost)');
    }
    if (!env.GRIP_OIDC_CLIENT_ID || !env.GRIP_OIDC_CLIENT_SECRET) {
      throw new ConfigError('GRIP_OIDC_ISSUER needs GRIP_OIDC_CLIENT_ID and GRIP_OIDC_CLIENT_SECRET');
    }
    oidc = {
      issuer: env.GRIP_OIDC_ISSUER,
      clientId: env.GRIP_OIDC_CLIENT_ID,
      clientSecret: env.GRIP_OIDC_CLIENT_SECRET,
      municipality: env.GRIP_OIDC_MUNICIPALITY || defaultMunicipality,
      scopes: env.GRIP_OIDC_SCOPES || 'openid profile email',
      subjectClaim: env.GRIP_OIDC_SUBJECT_CLAIM || 'sub',
      residentBsnClaim: env.GRIP_OIDC_RESIDENT_BSN_CLAIM || undefined,
    };
  }

  const dbAppRole = env.GRIP_DB_APP_ROLE || 'grip_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbAppRole)) {
    throw new ConfigError('GRIP_DB_APP_ROLE must be a lower-case SQL identifier');
  }

  return {
    mode,
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(env.GRIP_DATA_DIR || 'data'),
    dbAppRole,
    sessionSecret,
    sessionIdleMinutes: int(env, 'GRIP_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: int(env, 'GRIP_SESSION_MAX_HOURS', 10),
    loginMaxAttempts: int(env, 'GRIP_LOGIN_MAX_ATTEMPTS', 5),
    loginLockMinutes: int(env, 'GRIP_LOGIN_LOCK_MINUTES', 15),
    bodyLimitBytes: int(env, 'GRIP_BODY_LIMIT_BYTES', 1_048_576),
    rateLimitPerMinute: int(env, 'GRIP_RATE_LIMIT_PER_MINUTE', 600),
    loginRateLimitPerMinute: int(env, 'GRIP_LOGIN_RATE_LIMIT_PER_MINUTE', 20),
    trustProxy: env.GRIP_TRUST_PROXY === 'true',
    logLevel: env.GRIP_LOG_LEVEL || 'info',
    defaultMunicipality,
    oidc,
    webDir: path.resolve(env.GRIP_WEB_DIR || 'web/dist'),
    demoDataset: demoDataset(env),
  };
}
