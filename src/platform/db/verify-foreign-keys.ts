/**
 * Checks, set-based, that every foreign key of the given tables holds for one municipality: one anti-join
 * per constraint, as VALIDATE CONSTRAINT would do. Used after a bulk load that skipped the per-row
 * foreign-key triggers (session_replication_role = replica), so the data is held to the same integrity
 * rules as everything else, at a fraction of the cost.
 */
import { sql, type Kysely } from 'kysely';

export class ForeignKeyViolationError extends Error {}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function verifyForeignKeys(
  db: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- catalogue queries only
  tables: readonly string[],
  municipalityCode: string,
  /** How many constraints to check at the same time (PostgreSQL can use several cores). */
  concurrency = 1,
): Promise<{ constraints: number }> {
  const result = await sql<ForeignKey>`
    SELECT c.conname AS name, child.relname AS child, parent.relname AS parent,
      ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS "childColumns",
      ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS "parentColumns"
    FROM pg_constraint c
    JOIN pg_class child ON child.oid = c.conrelid
    JOIN pg_class parent ON parent.oid = c.confrelid
    JOIN pg_namespace ns ON ns.oid = child.relnamespace AND ns.nspname = 'public'
    WHERE c.contype = 'f' AND child.relname = ANY(${sql.raw(`ARRAY[${tables.map((t) => `'${t.replaceAll("'", "''")}'`).join(',')}]::text[]`)})
    ORDER BY child.relname, c.conname`.execute(db);
  const check = async (fk: ForeignKey): Promise<void> => {
    const scoped = fk.childColumns.includes('municipality_code')
      ? `c.municipality_code = '${municipalityCode.replaceAll("'", "''")}' AND `
      : '';
    const notNull = fk.childColumns.map((col) => `c.${ident(col)} IS NOT NULL`).join(' AND ');
    const join = fk.childColumns
      .map((col, i) => `p.${ident(fk.parentColumns[i]!)} = c.${ident(col)}`)
      .join(' AND ');
    const query = `SELECT count(*)::int AS n FROM ${ident(fk.child)} c WHERE ${scoped}${notNull}
      AND NOT EXISTS (SELECT 1 FROM ${ident(fk.parent)} p WHERE ${join})`;
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) {
      throw new ForeignKeyViolationError(
        `${rows[0]!.n} rows of ${fk.child} break foreign key ${fk.name} (${fk.childColumns.join(', ')} → ${fk.parent})`,
      );
    }
  };
  const queue = [...result.rows];
  const worker = async () => {
    for (let fk = queue.shift(); fk; fk = queue.shift()) await check(fk);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { constraints: result.rows.length };
}
