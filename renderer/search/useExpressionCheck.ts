import { useEffect, useState } from 'react';
import { useApi } from '../state/store';

/** The expression compiled in main as it is typed (after a pause): the library's message and position, before anything is read. */
export function useExpressionCheck(expression: string): string | null {
  const api = useApi();
  const [checked, setChecked] = useState<{ expression: string; message: string | null }>({ expression: '', message: null });
  useEffect(() => {
    if (!expression.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.search.check({ expression }).then((result) => {
        if (current)
          setChecked({ expression, message: result.ok ? (result.value.ok ? null : result.value.message) : result.error.message });
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, expression]);
  // A verdict about an earlier text says nothing about this one.
  return checked.expression === expression ? checked.message : null;
}
