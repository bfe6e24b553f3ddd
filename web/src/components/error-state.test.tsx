// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../lib/http-client.ts';
import { ErrorState } from './error-state.tsx';

afterEach(cleanup);

describe('ErrorState', () => {
  it('words a 404 the same whether the record is missing or out of reach', () => {
    render(<ErrorState error={new HttpError(404, 'not_found', 'Opportunity opp_1 was not found')} onRetry={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toBe('Not found — it does not exist or you do not have access');
  });

  it('offers to try again after any other failure', () => {
    render(<ErrorState error={new HttpError(503, 'database_unreachable', 'The database cannot be reached')} onRetry={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
