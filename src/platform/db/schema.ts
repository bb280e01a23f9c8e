import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. One interface per table, grouped by context; see migrations/ for the truth. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MunicipalityTable {
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface TeamTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  kind: string;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  municipality_code: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoleAssignmentTable {
  municipality_code: string;
  id: Generated<string>;
  user_id: string;
  role: string;
  team_id: string | null;
  wijk_code: string | null;
  created_at: Generated<Date>;
}

export interface UserSessionTable {
  municipality_code: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  auth_method: 'local' | 'oidc';
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ProcessingLogTable {
  municipality_code: string;
  id: Generated<string>;
  occurred_at: Generated<Date>;
  request_id: string;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  purpose: string;
  legal_ground: string;
  subject_type: string | null;
  subject_ids: string[];
  outcome: 'success' | 'denied' | 'error';
  http_status: number | null;
}

export interface PersonTable {
  municipality_code: string;
  id: Generated<string>;
  bsn: string;
  given_names: string;
  family_name_prefix: string | null;
  family_name: string;
  birth_date: ColumnType<string, string, string>;
  is_synthetic: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface DB {
  municipality: MunicipalityTable;
  team: TeamTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  user_session: UserSessionTable;
  processing_log: ProcessingLogTable;
  person: PersonTable;
  schema_migrations: SchemaMigrationsTable;
}
