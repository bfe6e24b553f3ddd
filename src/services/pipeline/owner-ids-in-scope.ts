import type { DataScope } from '../../core/access/data-scope.ts';

/**
 * A data scope as the store's queries take it: null for every owner ('all'), else the owners the
 * caller reaches (an empty list reaches nothing, not everything).
 */
export function ownerIdsInScope(scope: DataScope): readonly string[] | null {
  return scope.kind === 'all' ? null : [...scope.personIds].sort();
}
