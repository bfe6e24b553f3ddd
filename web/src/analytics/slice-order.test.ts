import { describe, expect, it } from 'vitest';
import { PROCESSES, slice } from './testing/fake-metrics-api.ts';
import { arrangeByKeys, arrangeStageSlices, stageInfoOf } from './slice-order.ts';

describe('arrangeStageSlices', () => {
  it('puts stages in their process’s sort order rather than id order', () => {
    const slices = [slice('stg_propose', 'Propose', 2, '$2', 1), slice('stg_qualify', 'Qualify', 1, '$1', 1)];
    expect(arrangeStageSlices(slices, stageInfoOf(PROCESSES.processes)).map((s) => s.key)).toEqual(['stg_qualify', 'stg_propose']);
  });

  it('leaves out a closed stage no deal sits in, but keeps an empty open one', () => {
    const slices = [slice('stg_won', 'Closed Won', 0, '$0', 0), slice('stg_propose', 'Propose', 0, '$0', 0)];
    expect(arrangeStageSlices(slices, stageInfoOf(PROCESSES.processes)).map((s) => s.key)).toEqual(['stg_propose']);
  });
});

describe('arrangeByKeys', () => {
  it('orders by the keys given and drops the empty slices of droppable keys', () => {
    const slices = [slice('commit', 'Commit', 1, '$1', 1), slice('closed', 'Closed', 0, '$0', 0), slice('pipeline', 'Pipeline', 1, '$1', 1)];
    expect(arrangeByKeys(slices, ['pipeline', 'best_case', 'commit', 'closed'], ['closed']).map((s) => s.key)).toEqual(['pipeline', 'commit']);
  });
});
