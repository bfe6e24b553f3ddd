// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../lib/http-client.ts';
import { requestSignIn } from './auth-requests.ts';
import { SignInForm, signInErrorText } from './sign-in-form.tsx';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function submit(email: string, password: string): void {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SignInForm', () => {
  it('shows the server’s message when the password is wrong', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(answer(401, { error: { code: 'unauthenticated', message: 'Wrong email or password' } }))));
    render(<SignInForm providers={{ password: true, oidc: null, demoSignIns: null }} onSignIn={requestSignIn} />);
    submit('rep@example.com', 'not-the-password');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password');
  });

  it('shows when signing in is allowed again after too many attempts', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(429, { error: { code: 'throttled', message: 'Too many failed sign-ins; try again in 90 seconds', details: { retryAfterSeconds: 90 } } }, { 'Retry-After': '90' }))),
    );
    render(<SignInForm providers={{ password: true, oidc: null, demoSignIns: null }} onSignIn={requestSignIn} />);
    submit('rep@example.com', 'guess');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Too many failed sign-ins; try again in 90 seconds \(at .+\)\.$/);
  });

  it('offers single sign-on when the server has a provider', () => {
    render(<SignInForm providers={{ password: true, oidc: { label: 'Sign in with Okta', startUrl: '/api/auth/oidc/start?returnTo=%2Fpeople' }, demoSignIns: null }} onSignIn={() => Promise.resolve()} />);
    expect(screen.getByRole('link', { name: 'Sign in with Okta' }).getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Fpeople');
  });

  it('fills the form with a demo sign-in when the workspace is the demo company', () => {
    const demoSignIns = [{ role: 'manager' as const, email: 'manager@demo.salesops.test', password: 'demo-manager-2026' }];
    render(<SignInForm providers={{ password: true, oidc: null, demoSignIns }} onSignIn={() => Promise.resolve()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Manager' }));
    expect([screen.getByLabelText<HTMLInputElement>('Email').value, screen.getByLabelText<HTMLInputElement>('Password').value]).toEqual([
      'manager@demo.salesops.test',
      'demo-manager-2026',
    ]);
  });

  it('offers no demo sign-ins for a real workspace', () => {
    render(<SignInForm providers={{ password: true, oidc: null, demoSignIns: null }} onSignIn={() => Promise.resolve()} />);
    expect(screen.queryByRole('region', { name: 'Demo sign-ins' })).toBeNull();
  });
});

describe('signInErrorText', () => {
  it('adds the clock time of the retry to a throttled answer', () => {
    const error = new HttpError(429, 'throttled', 'Too many failed sign-ins; try again in 60 seconds.', undefined, 60);
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const expected = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(now + 60_000);
    expect(signInErrorText(error, now)).toBe(`Too many failed sign-ins; try again in 60 seconds (at ${expected}).`);
  });
});
