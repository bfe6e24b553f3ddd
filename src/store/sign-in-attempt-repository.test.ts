import { describe, expect, it } from 'vitest';
import { deleteSignInAttemptsBefore, listSignInAttempts, recentFailedSignIns, recordSignInAttempt } from './sign-in-attempt-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();

for (const engine of TEST_ENGINES) {
  describe(`sign-in attempt repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('records an attempt with the email lower-cased and trimmed', async () => {
      const attempt = await recordSignInAttempt(ctx.store.db, { email: ' Ada@Example.com ', remoteAddress: '10.0.0.1', succeeded: false }, at(0));
      expect(attempt).toMatchObject({ email: 'ada@example.com', remoteAddress: '10.0.0.1', occurredAt: at(0), succeeded: false });
      expect(await listSignInAttempts(ctx.store.db)).toEqual([attempt]);
    });

    it('gives the failures for an email since an instant, newest first', async () => {
      const record = (email: string, minute: number, succeeded = false) => recordSignInAttempt(ctx.store.db, { email, remoteAddress: '10.0.0.1', succeeded }, at(minute));
      await record('ada@example.com', 1);
      await record('ada@example.com', 5);
      await record('ada@example.com', 6, true);
      await record('ada@example.com', 7);
      await record('bob@example.com', 8);
      expect(await recentFailedSignIns(ctx.store.db, { email: 'ADA@example.com' }, at(2), 10)).toEqual([at(7), at(5)]);
    });

    it('gives the failures from an address, at most the number asked for', async () => {
      for (let minute = 0; minute < 5; minute += 1) await recordSignInAttempt(ctx.store.db, { email: `u${minute}@example.com`, remoteAddress: '10.0.0.9', succeeded: false }, at(minute));
      await recordSignInAttempt(ctx.store.db, { email: 'x@example.com', remoteAddress: '10.0.0.1', succeeded: false }, at(9));
      expect(await recentFailedSignIns(ctx.store.db, { remoteAddress: '10.0.0.9' }, at(0), 3)).toEqual([at(4), at(3), at(2)]);
    });

    it('deletes the attempts older than an instant', async () => {
      await recordSignInAttempt(ctx.store.db, { email: 'a@example.com', remoteAddress: '10.0.0.1', succeeded: false }, at(1));
      await recordSignInAttempt(ctx.store.db, { email: 'a@example.com', remoteAddress: '10.0.0.1', succeeded: true }, at(3));
      expect(await deleteSignInAttemptsBefore(ctx.store.db, at(2))).toBe(1);
      expect((await listSignInAttempts(ctx.store.db)).map((a) => a.occurredAt)).toEqual([at(3)]);
    });
  });
}
