import type { z } from 'zod';
import type { salesProcesses } from '../../contracts/settings.ts';
import type { Store } from '../../store/database.ts';
import { listSalesProcesses } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';

export type SalesProcessList = z.infer<typeof salesProcesses>;

/** Every sales process with its stages in order, the default process first, then by name. */
export async function listSalesProcessesFor(store: Store, actor: Actor): Promise<SalesProcessList> {
  await authorize(store, actor, 'settings.read');
  const processes = await listSalesProcesses(store.db);
  return {
    processes: processes.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      isDefault: p.isDefault,
      stages: p.stages.map((s) => ({
        id: s.id,
        name: s.name,
        sortOrder: s.sortOrder,
        probabilityBps: s.probabilityBps,
        forecastCategory: s.forecastCategory,
        isClosed: s.isClosed,
        isWon: s.isWon,
      })),
    })),
  };
}
