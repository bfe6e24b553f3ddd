import { z } from 'zod';
import { findPreset } from '../../import/detect-preset.ts';
import { ServiceError } from '../service-error.ts';

const importJobInput = z.strictObject({
  fileIds: z.array(z.string().min(1).max(64)).min(1).max(20),
  preset: z.string().max(64).optional(),
  dryRun: z.boolean(),
});

/** What an import job is asked to do: import these uploaded files, with a preset or detected ('auto'), for real or as a dry run. */
export type ImportJobInput = z.infer<typeof importJobInput>;

/**
 * Checks an import job's input. The preset must be a built-in one: a mapping file named by path
 * would be read from the server's own disk, which an upload must never reach.
 */
export function parseImportJobInput(input: unknown): ImportJobInput {
  const parsed = importJobInput.safeParse(input);
  if (!parsed.success) throw new ServiceError('invalid_argument', `The import request is not valid: ${z.prettifyError(parsed.error)}`);
  const { fileIds, preset } = parsed.data;
  if (new Set(fileIds).size !== fileIds.length) throw new ServiceError('invalid_argument', 'The import names the same file twice');
  if (preset !== undefined && preset.trim().toLowerCase() !== 'auto' && findPreset(preset) === null) {
    throw new ServiceError('invalid_argument', `Unknown preset "${preset}": use auto, salesforce, salesforce-report, hubspot or superstore`, { preset });
  }
  return parsed.data;
}
