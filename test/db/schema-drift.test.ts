import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fixtures.js';
import { useTestDatabase } from '../support/database.js';

// schema.prisma and the SQL migrations are written by hand side by side; this test
// reads the schema with Prisma's own parser and checks that the migrated database
// has exactly its tables, columns, types, nullability, enums, indexes and keys.

// Indexes on an expression, which schema.prisma cannot describe; the migration
// that creates each one says what it serves.
const EXPRESSION_INDEXES = ['speakers_search_words_idx'];

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  name?: string | null;
  fields: { name: string }[];
}

const schema = readFileSync(path.join(REPO_ROOT, 'prisma/schema.prisma'), 'utf8');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))).datamodel as {
  models: DmmfModel[];
  enums: { name: string; values: { name: string }[] }[];
  indexes: DmmfIndex[];
};
// Prisma's DMMF leaves out Unsupported(...) fields; read them from the schema text.
const unsupported = new Map<string, { model: string; column: string; nullable: boolean }>();
for (const block of schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
  for (const line of block[2]!.matchAll(/^\s+(\w+)\s+Unsupported\("[^"]+"\)(\?)?(?:.*@map\("(\w+)"\))?/gm)) {
    unsupported.set(`${block[1]}.${line[1]}`, {
      model: block[1]!,
      column: line[3] ?? line[1]!,
      nullable: line[2] === '?',
    });
  }
}
const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (m: DmmfModel, field: string) => {
  const f = m.fields.find((x) => x.name === field);
  return f ? (f.dbName ?? f.name) : unsupported.get(`${m.name}.${field}`)!.column;
};

function expectedType(f: DmmfField): string | null {
  if (f.isList) return `_${expectedType({ ...f, isList: false })}`;
  if (f.kind === 'enum') return f.type;
  if (f.kind === 'unsupported') return null;
  const native = f.nativeType?.[0];
  switch (f.type) {
    case 'String':
      return native === 'Uuid' ? 'uuid' : 'text';
    case 'Int':
      return 'int4';
    case 'BigInt':
      return 'int8';
    case 'Float':
      return native === 'Real' ? 'float4' : 'float8';
    case 'Boolean':
      return 'bool';
    case 'DateTime':
      return native === 'Timestamp' ? 'timestamp' : 'timestamptz';
    case 'Json':
      // Prisma's Json is jsonb on Postgres unless @db.Json says otherwise.
      return native === 'Json' ? 'json' : 'jsonb';
    default:
      return f.type.toLowerCase();
  }
}

function defaultIndexName(table: string, columns: string[], type: DmmfIndex['type']): string {
  if (type === 'id') return `${table}_pkey`;
  return `${table}_${columns.join('_')}_${type === 'unique' ? 'key' : 'idx'}`;
}

const db = useTestDatabase();
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe('schema.prisma against the migrated database', () => {
  it('has the same tables and columns, with the same types and nullability', async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const expected = new Set<string>();
    for (const model of dmmf.models) {
      for (const f of model.fields.filter((x) => x.kind !== 'object')) {
        const key = `${tableOf(model)}.${f.dbName ?? f.name}`;
        expected.add(key);
        const column = actual.get(key);
        expect(column, `column ${key} exists`).toBeDefined();
        const type = expectedType(f);
        if (type) expect(column!.udt_name, `type of ${key}`).toBe(type);
        // Prisma creates scalar lists as nullable columns.
        const nullable = !f.isRequired || f.isList;
        expect(column!.is_nullable, `nullability of ${key}`).toBe(nullable ? 'YES' : 'NO');
      }
    }
    for (const u of unsupported.values()) {
      const model = dmmf.models.find((m) => m.name === u.model)!;
      const key = `${tableOf(model)}.${u.column}`;
      expected.add(key);
      expect(actual.get(key)?.is_nullable, `column ${key} exists with its nullability`).toBe(u.nullable ? 'YES' : 'NO');
    }
    expect(
      [...actual.keys()].filter((k) => !expected.has(k)),
      'columns missing from schema.prisma',
    ).toEqual([]);
  });

  it('has the same enums', async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it('has the same indexes and unique constraints', async () => {
    const { rows } = await client.query<{ tablename: string; indexname: string }>(
      `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const actual = rows
      .map((r) => r.indexname)
      .filter((name) => !EXPRESSION_INDEXES.includes(name))
      .sort();
    const expected = dmmf.indexes
      .map((ix) => {
        const model = dmmf.models.find((m) => m.name === ix.model)!;
        const columns = ix.fields.map((f) => columnOf(model, f.name));
        return ix.dbName ?? defaultIndexName(tableOf(model), columns, ix.type);
      })
      .sort();
    expect(actual).toEqual(expected);
    expect(rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(EXPRESSION_INDEXES));
  });

  it('has the same foreign keys and delete rules', async () => {
    const { rows } = await client.query<{ constraint_name: string; delete_rule: string }>(
      `SELECT constraint_name, delete_rule FROM information_schema.referential_constraints WHERE constraint_schema = 'public'`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.constraint_name, r.delete_rule]));
    const rule: Record<string, string> = {
      Cascade: 'CASCADE',
      SetNull: 'SET NULL',
      Restrict: 'RESTRICT',
      NoAction: 'NO ACTION',
    };
    const expected: Record<string, string> = {};
    for (const model of dmmf.models) {
      for (const f of model.fields.filter((x) => x.kind === 'object' && x.relationFromFields?.length)) {
        const cols = f.relationFromFields!.map((c) => columnOf(model, c));
        expected[`${tableOf(model)}_${cols.join('_')}_fkey`] =
          rule[f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')]!;
      }
    }
    expect(actual).toEqual(expected);
  });

  it('records every migration as applied, as prisma migrate deploy does', async () => {
    const { rows } = await client.query<{
      migration_name: string;
      finished_at: Date | null;
      applied_steps_count: number;
      checksum: string;
    }>(
      'SELECT migration_name, finished_at, applied_steps_count, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
