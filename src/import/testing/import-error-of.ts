import { ImportError } from '../import-error.ts';

/** Runs `run` and returns the ImportError it throws; any other outcome fails the test. */
export function importErrorOf(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}
