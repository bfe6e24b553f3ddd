import { MAX_NAME_LENGTH } from '../../contracts/common.ts';
import { ServiceError } from '../service-error.ts';

/**
 * The name an uploaded file is kept under: the last part of what the browser sent (some send a
 * whole Windows path), without control characters. It becomes a file name in a temp folder, so it
 * can never name a folder or climb out of one.
 */
export function uploadFileName(sent: string): string {
  const last = sent.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const name = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new ServiceError('invalid_argument', 'The uploaded file needs a name');
  if (name.length > MAX_NAME_LENGTH) throw new ServiceError('invalid_argument', `File names are limited to ${MAX_NAME_LENGTH} characters`);
  return name;
}
