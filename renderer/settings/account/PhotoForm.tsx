// Browser runtime. The user's photo: shown as others see it, "Change photo…" picks an image
// (staged like an attachment, then made the avatar), "Remove photo" goes back to initials.
import { useId, useRef, useState } from 'react';
import { Avatar } from '../../common/Avatar.js';
import { fileFailureKey } from '../../files/file-failure.js';
import { isInlineImage } from '../../format/file-kind.js';
import { changePhoto, removePhoto } from '../../ipc/avatar-commands.js';
import { useText } from '../../i18n/use-text.js';
import { useAppStore } from '../../store/use-app-store.js';
import { FormMessage, type Said } from './FormMessage.js';

export function PhotoForm({ id, name }: { id: number; name: string }) {
  const t = useText();
  const hasPhoto = useAppStore((state) => state.session.account?.user.avatar !== undefined);
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said>(null);
  const headingId = useId();

  async function run(task: () => Promise<string | null>, done: Said): Promise<void> {
    setBusy(true);
    const failure = await task();
    setBusy(false);
    setSaid(failure === null ? done : { kind: 'error', key: fileFailureKey(failure) });
  }

  return (
    <div className="account-form photo-form" role="group" aria-labelledby={headingId} aria-busy={busy}>
      <h4 id={headingId}>{t('photoHeading')}</h4>
      <Avatar id={id} name={name} size="large" />
      <div className="photo-buttons">
        <button type="button" className="secondary" disabled={busy} onClick={() => picker.current?.click()}>
          {t('photoChange')}
        </button>
        {hasPhoto && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(removePhoto, { kind: 'done', key: 'photoRemoved' })}
          >
            {t('photoRemove')}
          </button>
        )}
      </div>
      <input
        ref={picker}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="photo-picker"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          if (!isInlineImage(file.type)) setSaid({ kind: 'error', key: 'photoNotImage' });
          else void run(() => changePhoto(file, file.name), { kind: 'done', key: 'photoChanged' });
        }}
      />
      <FormMessage said={said} />
    </div>
  );
}
