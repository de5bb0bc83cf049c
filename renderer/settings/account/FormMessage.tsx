// Browser runtime. A form's outcome under its button: an error as an alert, a success as a status.
import type { TextKey, TextParams } from '../../i18n/strings.js';
import { useText } from '../../i18n/use-text.js';

export type Said = { kind: 'error' | 'done'; key: TextKey; params?: TextParams } | null;

export function FormMessage({ said }: { said: Said }) {
  const t = useText();
  if (!said) return null;
  return said.kind === 'error' ? (
    <p className="form-error" role="alert">
      {t(said.key, said.params)}
    </p>
  ) : (
    <p className="form-done" role="status">
      {t(said.key, said.params)}
    </p>
  );
}
