import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAreaRoutes } from '../../areas/area-routes.ts';
import { registerMunicipalityRoutes } from '../../areas/municipality-routes.ts';
import { registerOidcRoutes } from '../../identity/oidc-routes.ts';
import { registerSessionRoutes } from '../../identity/session-routes.ts';
import { registerColleagueRoutes } from '../../identity/colleague-routes.ts';
import { registerTeamRoutes } from '../../identity/team-routes.ts';
import { registerUserRoutes } from '../../identity/user-routes.ts';
import { registerProcessingLogRoutes } from '../../privacy/processing-log-routes.ts';
import { registerPersonRoutes } from '../../residents/person-routes.ts';
import { registerAlgemeneVoorzieningenRoutes } from '../../intake/algemene-voorzieningen-routes.ts';
import { registerHelpQuestionRoutes } from '../../intake/help-question-routes.ts';
import { registerIntakeRoutes } from '../../intake/intake-routes.ts';
import { registerMeldingRoutes } from '../../intake/melding-routes.ts';
import { registerHomeVisitRoutes } from '../../intake/home-visit-routes.ts';
import { registerQuestionnaireRoutes } from '../../intake/questionnaire-routes.ts';
import { registerWorklistRoutes } from '../../intake/worklist-routes.ts';
import { registerReportRoutes } from '../../intake/report-routes.ts';
import { registerPortalRoutes } from '../../intake/portal-routes.ts';
import { registerOnlineIntakeRoutes } from '../../intake/online-routes.ts';
import { registerPlanExchangeRoutes } from '../../plans/exchange-routes.ts';
import { registerPlanRoutes } from '../../plans/plan-routes.ts';
import { registerCatalogueRoutes } from '../../services/catalogue-routes.ts';
import { registerDecisionRoutes } from '../../decisions/decision-routes.ts';
import { registerIstandaardRoutes } from '../../istandaard/istandaard-routes.ts';
import { registerProgressReportRoutes } from '../../steering/progress-report-routes.ts';
import { registerSteeringRoutes } from '../../steering/steering-routes.ts';
import { registerDashboardRoutes } from '../../dashboard/dashboard-routes.ts';
import { installAccessControl } from './access-hooks.ts';
import { renderApiDocs } from './api-docs-page.ts';
import { handleError } from './errors.ts';
import { API_PREFIX, finishOpenApi } from './openapi.ts';
import { problem, ProblemSchema, sendProblem } from './problem.ts';
import type { Deps, GripApp, RegisteredRoute } from './types.ts';

export const API_VERSION = '0.1.0';

export interface BuiltApp {
  app: GripApp;
  routes: RegisteredRoute[];
  /** Marks the app as stopping: /health/ready answers 503 from then on. */
  beginShutdown(): void;
}

export async function buildApp(deps: Deps, options: { logStream?: Writable } = {}): Promise<BuiltApp> {
  const { config } = deps;
  const routes: RegisteredRoute[] = [];
  let shuttingDown = false;

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Structured JSON; requests are logged by route pattern, never with query strings or bodies.
      serializers: {
        req: (req) => ({ method: req.method }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: false },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  const secure = config.publicUrl.startsWith('https://');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('rate limit'), {
        statusCode: 429,
        code: 'FST_ERR_RATE_LIMIT',
        after: context.after,
      }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Grip API',
        description:
          'REST API of Grip, the open-source platform for the social domain (Wmo, Jeugdwet, Participatiewet, schuldhulp). ' +
          'Errors are RFC 9457 problem details in Dutch and English. Writes need the X-CSRF-Token of the session; ' +
          'changes need If-Match with the ETag last seen.',
        version: API_VERSION,
        contact: { name: 'Grip maintainers', email: 'grip@example.org', url: 'https://grip.example.org' },
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: `${config.publicUrl}${API_PREFIX}` }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      const generated = jsonSchemaTransformObject(documentObject) as Record<string, unknown>;
      const components = (generated.components ?? {}) as { schemas?: Record<string, unknown> };
      const { $schema: _dialect, ...problemSchema } = z.toJSONSchema(ProblemSchema);
      components.schemas = { ...components.schemas, Problem: problemSchema };
      generated.components = components;
      return finishOpenApi(generated, routes, API_VERSION) as never;
    },
  });
  await app.register(fastifyStatic, { root: config.webDir, serve: false });

  installAccessControl(app, deps, routes);

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith(API_PREFIX)) reply.header('API-Version', API_VERSION);
    if (request.url.startsWith('/api/') || request.url.startsWith('/auth/'))
      reply.header('Cache-Control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        action: request.grip?.action,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (request, reply) =>
    sendProblem(
      reply,
      problem(404, 'not-found', {
        nl: `Er is niets op ${request.method} ${request.url.split('?')[0]}.`,
        en: `Nothing at ${request.method} ${request.url.split('?')[0]}.`,
      }),
    ),
  );

  app.get('/health/live', { config: { action: 'health.read' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/health/ready',
    { config: { action: 'health.read' }, schema: { hide: true } },
    async (_request, reply) => {
      if (shuttingDown) return reply.code(503).send({ status: 'stopping' });
      try {
        await deps.database.db.selectFrom('schema_migrations').select('version').limit(1).execute();
        return { status: 'ok', database: deps.database.kind };
      } catch {
        return reply.code(503).send({ status: 'database-unavailable' });
      }
    },
  );

  app.get(
    `${API_PREFIX}/openapi.json`,
    { config: { action: 'api-docs.read' }, schema: { hide: true } },
    async () => app.swagger(),
  );
  app.get(
    '/api-docs',
    { config: { action: 'api-docs.read' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        )
        .type('text/html; charset=utf-8')
        .send(renderApiDocs(app.swagger() as unknown as Record<string, unknown>)),
  );

  registerSessionRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerMunicipalityRoutes(app, deps);
  registerAreaRoutes(app);
  registerPersonRoutes(app);
  registerQuestionnaireRoutes(app);
  registerHelpQuestionRoutes(app);
  registerIntakeRoutes(app);
  registerMeldingRoutes(app);
  registerHomeVisitRoutes(app);
  registerAlgemeneVoorzieningenRoutes(app);
  registerWorklistRoutes(app);
  registerReportRoutes(app);
  registerPortalRoutes(app);
  registerOnlineIntakeRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerPlanExchangeRoutes(app, deps);
  registerCatalogueRoutes(app, deps);
  registerDecisionRoutes(app, deps);
  registerIstandaardRoutes(app, deps);
  registerSteeringRoutes(app, deps);
  registerProgressReportRoutes(app);
  registerDashboardRoutes(app, deps);
  registerUserRoutes(app);
  registerTeamRoutes(app);
  registerColleagueRoutes(app);
  registerProcessingLogRoutes(app);
  registerWebRoutes(app, deps);

  await app.ready();
  return {
    app,
    routes,
    beginShutdown() {
      shuttingDown = true;
    },
  };
}

/** The React app: files from web/dist, and index.html for every other page path (client-side routing). */
function registerWebRoutes(app: GripApp, { config }: Deps): void {
  const indexFile = path.join(config.webDir, 'index.html');
  app.get('/*', { config: { action: 'web.read' }, schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0]!);
    if (urlPath.startsWith('/api/') || urlPath.startsWith('/auth/')) {
      throw problem(404, 'not-found', { nl: 'Niet gevonden.', en: 'Not found.' });
    }
    const relative = path
      .normalize(urlPath)
      .replace(/^(\.\.[/\\])+/, '')
      .replace(/^\/+/, '');
    const file = path.join(config.webDir, relative);
    if (relative && file.startsWith(config.webDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      if (relative.startsWith('assets/'))
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      return reply.sendFile(relative);
    }
    if (!fs.existsSync(indexFile)) {
      throw problem(503, 'web-not-built', {
        nl: 'De webinterface is niet gebouwd: voer `npm run build:web` uit.',
        en: 'The web interface is not built: run `npm run build:web`.',
      });
    }
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
