import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedMigrations, GENERATOR_VERSION, isCurrent, migrationHashes, postgresDatabaseName, readManifest, writeManifest, type WorkspaceManifest } from './workspace-manifest.ts';

const manifest: WorkspaceManifest = {
  generatorVersion: GENERATOR_VERSION, seed: 1, scale: 1, opportunities: 10, historyRows: 100, generationSeconds: 2, generatedAt: '2026-11-20T00:00:00.000Z', migrations: ['0001-initial'],
};

describe('isCurrent', () => {
  it('accepts a copy of this generator version, seed and scale', () => {
    expect(isCurrent(manifest, { seed: 1, scale: 1 })).toBe(true);
  });

  it('refuses another version, seed or scale, and a missing manifest', () => {
    expect(isCurrent({ ...manifest, generatorVersion: GENERATOR_VERSION - 1 }, { seed: 1, scale: 1 })).toBe(false);
    expect(isCurrent(manifest, { seed: 2, scale: 1 })).toBe(false);
    expect(isCurrent(manifest, { seed: 1, scale: 0.01 })).toBe(false);
    expect(isCurrent(null, { seed: 1, scale: 1 })).toBe(false);
  });
});

describe('postgresDatabaseName', () => {
  it('is salesops_bench_metrics at full size and gets a suffix at other sizes', () => {
    expect(postgresDatabaseName({ seed: 1, scale: 1 })).toBe('salesops_bench_metrics');
    expect(postgresDatabaseName({ seed: 1, scale: 0.01 })).toBe('salesops_bench_metrics_s0_01');
  });
});

describe('readManifest', () => {
  it('reads back what writeManifest wrote, and null for a missing or unreadable file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      const path = join(directory, 'm.json');
      expect(readManifest(path)).toBeNull();
      writeManifest(path, manifest);
      expect(readManifest(path)).toEqual(manifest);
      writeFileSync(path, '{ not json');
      expect(readManifest(path)).toBeNull();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('migrationHashes', () => {
  it('hashes each migration file by name, changing when it is edited, and leaves tests out', () => {
    const directory = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      writeFileSync(join(directory, '0001-initial.ts'), 'export const a = 1;');
      writeFileSync(join(directory, '0001-initial.test.ts'), 'a test');
      const first = migrationHashes(directory);
      expect(Object.keys(first)).toEqual(['0001-initial']);
      writeFileSync(join(directory, '0001-initial.ts'), 'export const a = 2;');
      expect(migrationHashes(directory)['0001-initial']).not.toBe(first['0001-initial']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('editedMigrations', () => {
  const hashed = { ...manifest, migrations: ['0001-initial', '0002-more'], migrationHashes: { '0001-initial': 'aa', '0002-more': 'bb' } };

  it('names the applied migrations whose source changed or is gone', () => {
    expect(editedMigrations(hashed, { '0001-initial': 'aa', '0002-more': 'cc' })).toEqual(['0002-more']);
    expect(editedMigrations(hashed, { '0001-initial': 'aa' })).toEqual(['0002-more']);
  });

  it('finds none when only new migrations were added', () => {
    expect(editedMigrations(hashed, { '0001-initial': 'aa', '0002-more': 'bb', '0003-new': 'dd' })).toEqual([]);
  });

  it('takes a copy without recorded hashes as edited throughout', () => {
    expect(editedMigrations(manifest, { '0001-initial': 'aa' })).toEqual(['0001-initial']);
  });
});
