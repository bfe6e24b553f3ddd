import { describe, expect, it } from 'vitest';
import { bpsAsPercentText } from './basis-points.ts';

describe('bpsAsPercentText', () => {
  it('prints basis points as an exact percentage', () => {
    expect([bpsAsPercentText(7550), bpsAsPercentText(10000), bpsAsPercentText(1), bpsAsPercentText(0)]).toEqual(['75.5', '100', '0.01', '0']);
  });
});
