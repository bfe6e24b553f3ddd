import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSalesopsServer } from './salesops-server.ts';

describe('startSalesopsServer', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-e2e-server-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("rejects with the server's own error when it exits before listening", async () => {
    await expect(startSalesopsServer(join(folder, 'missing.db'))).rejects.toThrow(/salesops serve exited \(code 4\)[\s\S]*salesops init/);
  });
});
