import { useId, type ReactNode } from 'react';

/** A label tied to its control: `children` receives the id to put on the input, select or textarea. */
export function Field({ label, hint, children }: { readonly label: string; readonly hint?: string; readonly children: (id: string, hintId: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint !== undefined && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}
