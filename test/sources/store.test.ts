// The store's schema is made without knex, yet must be exactly what the knex migrations of earlier
// hcc versions made: stores made by either version are then read and upgraded by both.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { migrateStore } from '../../src/sources/store.js';
import { tempDir } from '../helpers/run-hcc.js';

const INDEX_001 = 'CREATE INDEX dossiers_by_agency ON dossiers (agency, received_at, resolved_at, due_at, status, channel)';
const INDEX_002 = 'CREATE INDEX dossiers_by_agency ON dossiers (agency, received_at, resolved_at, due_at, status, channel, satisfied)';

/** The migrations as hcc ran them through knex before (commit 376e0ff, src/sources/store.ts). */
const KNEX_MIGRATIONS = [
  {
    name: '001_dossiers',
    async up(knex: Knex) {
      await knex.schema.createTable('dossiers', (t) => {
        t.text('code').primary();
        t.text('agency').notNullable();
        t.text('field');
        t.text('procedure');
        t.text('level');
        t.text('channel');
        t.text('received_at');
        t.text('due_at');
        t.text('resolved_at');
        t.text('returned_at');
        t.integer('status');
        t.text('apology_at');
        t.integer('satisfied');
      });
      await knex.raw(INDEX_001);
    },
  },
  {
    name: '002_period_index_satisfied',
    async up(knex: Knex) {
      await knex.raw('DROP INDEX IF EXISTS dossiers_by_agency');
      await knex.raw(INDEX_002);
    },
  },
  {
    // Written after hcc left knex: what knex's schema builder gives for the same step, so a store
    // upgraded by hcc matches one a knex migrator would have made.
    name: '003_time_limit',
    async up(knex: Knex) {
      await knex.schema.alterTable('dossiers', (t) => {
        t.integer('time_limit');
      });
    },
  },
];
type KnexMigration = (typeof KNEX_MIGRATIONS)[number];

function storeKnex(path: string): Knex {
  return knexFactory({ client: 'better-sqlite3', connection: { filename: path }, useNullAsDefault: true });
}

function knexSource(count: number): Knex.MigrationSource<KnexMigration> {
  return {
    getMigrations: async () => KNEX_MIGRATIONS.slice(0, count),
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({ up: m.up, down: async () => {} }),
  };
}

async function knexMigrate(path: string, count = KNEX_MIGRATIONS.length): Promise<void> {
  const knex = storeKnex(path);
  try {
    await knex.migrate.latest({ migrationSource: knexSource(count), tableName: 'hcc_migrations' });
  } finally {
    await knex.destroy();
  }
}

/** Everything of a store but its rows and the times migrations ran. */
function schemaOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      objects: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all(),
      migrations: db.prepare('SELECT id, name, batch, typeof(migration_time) AS time FROM hcc_migrations ORDER BY id').all(),
      lock: db.prepare('SELECT * FROM hcc_migrations_lock').all(),
      sequence: db.prepare('SELECT * FROM sqlite_sequence ORDER BY name').all(),
    };
  } finally {
    db.close();
  }
}

describe('store schema', () => {
  it('creates a new store exactly as the knex migrations did', async () => {
    const dir = tempDir('hcc-schema-');
    const ours = join(dir, 'ours.sqlite');
    const theirs = join(dir, 'knex.sqlite');
    migrateStore(ours);
    await knexMigrate(theirs);
    expect(schemaOf(ours)).toEqual(schemaOf(theirs));
    expect(schemaOf(ours).migrations).toEqual([
      { id: 1, name: '001_dossiers', batch: 1, time: 'integer' },
      { id: 2, name: '002_period_index_satisfied', batch: 1, time: 'integer' },
      { id: 3, name: '003_time_limit', batch: 1, time: 'integer' },
    ]);
  });

  it('upgrades a store the knex migrations left before 002 (through 002 and 003), keeping its rows', async () => {
    const dir = tempDir('hcc-schema-');
    const old = join(dir, 'old.sqlite');
    const reference = join(dir, 'reference.sqlite');
    await knexMigrate(old, 1);
    const db = new Database(old);
    db.prepare("INSERT INTO dossiers (code, agency, received_at) VALUES ('HS-1', 'Sở Tư pháp', '2019-05-02')").run();
    db.close();
    await knexMigrate(reference, 1);
    await knexMigrate(reference);

    migrateStore(old);
    expect(schemaOf(old)).toEqual(schemaOf(reference));
    expect(schemaOf(old).migrations.map((m) => m.batch)).toEqual([1, 2, 2]);
    const after = new Database(old, { readonly: true });
    expect(after.prepare('SELECT code FROM dossiers').pluck().all()).toEqual(['HS-1']);
    after.close();
    migrateStore(old); // up to date: nothing to do
    expect(schemaOf(old).migrations).toHaveLength(3);
  });

  it('leaves a store that knex sees as fully migrated (what an earlier hcc checks)', async () => {
    const path = join(tempDir('hcc-schema-'), 'ours.sqlite');
    migrateStore(path);
    const knex = storeKnex(path);
    try {
      const [done, pending] = await knex.migrate.list({ migrationSource: knexSource(3), tableName: 'hcc_migrations' });
      expect(done.map((m: { name: string }) => m.name)).toEqual(['001_dossiers', '002_period_index_satisfied', '003_time_limit']);
      expect(pending).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });

  it('names the store in one message when it is no SQLite file', () => {
    const path = join(tempDir('hcc-schema-'), 'notes.sqlite');
    writeFileSync(path, 'ghi chú, không phải cơ sở dữ liệu\n'.repeat(200));
    expect(() => migrateStore(path)).toThrow(`tệp ${path} không phải kho dữ liệu hcc đọc được (không phải tệp SQLite, hoặc tệp đã hỏng: SQLITE_NOTADB)`);
  });
});
