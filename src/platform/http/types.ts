import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ActionName } from '../../access/actions.ts';
import type { Role, RoleAssignment } from '../../access/roles.ts';
import type { GripConfig } from '../config.ts';
import type { Database, Tx } from '../db/database.ts';

export type GripApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  config: GripConfig;
  database: Database;
}

export interface Actor {
  userId: string;
  municipalityCode: string;
  username: string;
  displayName: string;
  roles: RoleAssignment[];
  sessionTokenHash: string;
  csrfToken: string;
  authMethod: 'local' | 'oidc';
}

export interface RequestGrip {
  action: ActionName;
  actor: Actor | null;
  /** The role that authorised this request (the first of the actor's roles the action allows). */
  role: Role | null;
  subjectType: string | null;
  subjectIds: Set<string>;
  /** Set once the processing-log entry for this request has been written. */
  logged: boolean;
  /**
   * Public requests without a log-in (the online intake): the municipality they act in, once known, so a
   * failed attempt on personal data is logged there too.
   */
  publicMunicipalityCode: string | null;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  action: ActionName;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    action?: ActionName;
  }
  interface FastifyRequest {
    grip: RequestGrip;
    /**
     * Runs `work` in a transaction confined to the caller's municipality; for personal-data actions the
     * processing-log entry is written in the same transaction.
     */
    tenant<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
    /** Records whose personal data this request processes, for the processing log. */
    recordSubjects(type: string, ids: Iterable<string>): void;
  }
}
