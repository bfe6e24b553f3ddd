import { errorMessage, isHttpError } from '../lib/http-client.ts';
import { StatusMessage } from './status-message.tsx';

/** The wording for records that are missing or out of the caller's reach: the two are never told apart. */
export const NOT_FOUND_MESSAGE = 'Not found — it does not exist or you do not have access';

/** A failed load: the server's own message, and a way to try again. */
export function ErrorState({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const message = isHttpError(error, 404) ? NOT_FOUND_MESSAGE : errorMessage(error);
  return (
    <StatusMessage kind="error">
      <span>{message}</span>
      {onRetry !== undefined && !isHttpError(error, 404) && (
        <button type="button" className="button-link" onClick={onRetry}>
          Try again
        </button>
      )}
    </StatusMessage>
  );
}
