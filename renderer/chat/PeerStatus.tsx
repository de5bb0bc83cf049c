// Browser runtime. Under the peer's name: "typing…" while they type, else online or offline.
import { useMemo } from 'react';
import { useText } from '../i18n/use-text.js';
import { selectPeerStatus } from '../store/message-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function PeerStatus({ who }: { who: number }) {
  const t = useText();
  const status = useAppStore(useMemo(() => selectPeerStatus(who), [who]));
  return (
    <span className="chat-status" data-testid="chat-status" data-status={status}>
      {status === 'typing' ? t('typing') : t(status)}
    </span>
  );
}
