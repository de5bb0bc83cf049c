// Browser runtime. A password or invite code the server shows once: selectable text and a
// Copy button that says whether copying worked.
import { useId, useState } from 'react';
import { useText } from '../../i18n/use-text.js';

export interface OneTimeSecretProps {
  label: string;
  hint: string;
  value: string;
  onDone: () => void;
}

export function OneTimeSecret(props: OneTimeSecretProps) {
  const t = useText();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const labelId = useId();
  const hintId = useId();

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="one-time-secret" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <span id={labelId}>{props.label}</span>
      <code className="secret" data-testid="one-time-secret" tabIndex={0}>
        {props.value}
      </code>
      <p id={hintId} className="field-hint">
        {props.hint}
      </p>
      <button type="button" onClick={() => void copy()}>
        {copied === 'yes' ? t('adminCopied') : t('adminCopy')}
      </button>
      <button type="button" className="secondary" onClick={props.onDone}>
        {t('adminDone')}
      </button>
      {copied === 'failed' && <p role="alert">{t('adminCopyFailed')}</p>}
    </div>
  );
}
