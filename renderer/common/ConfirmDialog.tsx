// Browser runtime. A question the user confirms or cancels: a native modal <dialog>, so focus
// stays inside and Esc cancels; Cancel has the focus first, so Enter never destroys by accident.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useText } from '../i18n/use-text.js';

export interface ConfirmDialogProps {
  heading: string;
  body: string;
  /** What the confirm button says (while `busy`, `busyLabel` if given). */
  confirmLabel: string;
  busyLabel?: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** Between the body and the buttons: options, errors. */
  children?: ReactNode;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useText();
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={headingId}>{props.heading}</h2>
      <p id={bodyId}>{props.body}</p>
      {props.children}
      <div className="dialog-buttons">
        <button type="button" className="secondary" autoFocus onClick={props.onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="danger-button" disabled={props.busy} onClick={props.onConfirm}>
          {props.busy && props.busyLabel ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
