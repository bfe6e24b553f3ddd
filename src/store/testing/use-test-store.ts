import { afterEach, beforeEach } from 'vitest';
import type { Engine } from '../engine.ts';
import { createFactories, type Factories } from './factories.ts';
import { openTestStore, type TestStore } from './test-stores.ts';

export interface TestStoreFixture {
  /** The running test's store; read it inside a test or hook, not while the tests are being declared. */
  readonly store: TestStore;
  /** Factories writing to the running test's store. */
  readonly make: Factories;
}

/**
 * Gives every test of the enclosing `describe` a fresh migrated store on the engine, and factories
 * writing to it, and disposes of the store after the test. Hooks registered after this call run
 * with the store open.
 */
export function useTestStore(engine: Engine): TestStoreFixture {
  let current: { store: TestStore; make: Factories } | undefined;
  beforeEach(async () => {
    const store = await openTestStore(engine);
    current = { store, make: createFactories(store) };
  });
  afterEach(async () => {
    const open = current;
    current = undefined;
    await open?.store.dispose();
  });
  const active = (): { store: TestStore; make: Factories } => {
    if (current === undefined) throw new Error('The test store is open only while a test or its hooks run');
    return current;
  };
  return {
    get store() {
      return active().store;
    },
    get make() {
      return active().make;
    },
  };
}
