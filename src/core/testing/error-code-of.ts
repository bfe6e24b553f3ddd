import { DomainError } from '../shared/domain-error.ts';

/** The code of the DomainError that `run` throws, `'not a DomainError'` for any other error, or undefined when it returns. */
export function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}
