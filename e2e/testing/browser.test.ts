import { describe, expect, it } from 'vitest';
import { assertChromiumInstalled } from './browser.ts';

describe('assertChromiumInstalled', () => {
  it("fails with the Debian package to install when the browser is missing", () => {
    expect(() => assertChromiumInstalled('/nonexistent/chromium')).toThrow(/install it with `apt-get install chromium`/);
  });
});
