import type { ReactNode } from 'react';

export type StatusKind = 'loading' | 'error' | 'empty' | 'info' | 'success';

/** A line of status text; errors are announced at once (role=alert), the rest politely (role=status). */
export function StatusMessage({ kind, children }: { readonly kind: StatusKind; readonly children: ReactNode }) {
  return (
    <div className={`status status-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
