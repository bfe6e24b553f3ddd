import { useEffect, useState } from 'react';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';
import { Field } from './field.tsx';

/**
 * A text filter that reports its value once typing pauses, so the server is asked once per
 * search rather than once per key. `value` is the filter in effect (from the URL).
 */
export function SearchField({ label, value, onSearch, placeholder }: { readonly label: string; readonly value: string; readonly onSearch: (value: string) => void; readonly placeholder?: string }) {
  const [text, setText] = useState(value);
  // Back/forward or "Clear filters" change the filter from outside: show what is in effect.
  useEffect(() => setText(value), [value]);
  useDebouncedCommit(text.trim(), value, onSearch);
  return (
    <Field label={label}>
      {(id) => <input id={id} type="search" value={text} placeholder={placeholder} onChange={(event) => setText(event.target.value)} maxLength={200} />}
    </Field>
  );
}
