import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/shared/domain-error.ts';
import { ServiceError, StoreError } from '../services/service-error.ts';
import { errorResponse } from './error-response.ts';

describe('errorResponse', () => {
  it('maps a service error to its status with its code and message', () => {
    expect(errorResponse(new ServiceError('forbidden', 'Not for you'))).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Not for you' } }, log: false });
  });

  it('answers an unknown error with a generic 500 that leaks nothing', () => {
    const response = errorResponse(new Error('connection string postgres://secret@db failed at line 42'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('secret');
    expect(response.body.error.code).toBe('internal');
    expect(response.log).toBe(true);
  });

  it('logs a store outage but not a missing record', () => {
    expect(errorResponse(new StoreError('database_unreachable', 'down')).log).toBe(true);
    expect(errorResponse(new StoreError('not_found', 'gone')).log).toBe(false);
  });

  it('answers a domain rule broken by the input with 400', () => {
    expect(errorResponse(new DomainError('invalid_date', 'Not a date')).status).toBe(400);
  });

  it('answers a busy SQLite writer with a retryable 503', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(errorResponse(busy)).toMatchObject({ status: 503, body: { error: { code: 'busy' } }, log: false });
  });

  it('answers a thrown non-Error value with a generic 500', () => {
    expect(errorResponse('a string').status).toBe(500);
  });
});
