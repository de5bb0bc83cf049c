// Browser runtime. The paperclip: opens the system's file picker (several files at once).
import { useRef } from 'react';
import { Icon } from '../common/Icon.js';
import { addFiles } from '../ipc/file-commands.js';
import { useText } from '../i18n/use-text.js';

export function AttachButton({ who, disabled }: { who: number; disabled: boolean }) {
  const t = useText();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button attach-button"
        aria-label={t('attachFiles')}
        title={t('attachFiles')}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <Icon name="paperclip" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-picker"
        onChange={(event) => {
          const picked = [...(event.target.files ?? [])].map((file) => ({ blob: file, name: file.name }));
          // The same file can be picked again after it was removed from the strip.
          event.target.value = '';
          if (picked.length > 0) void addFiles(who, picked);
        }}
      />
    </>
  );
}
