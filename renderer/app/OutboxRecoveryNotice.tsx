// Browser runtime. Says so when the outbox was damaged: how many unsent messages were kept,
// and each one that was lost, to whom and what it said when that much could be read, so the
// user can send it again. Shown until dismissed or signed out.
import { useId } from 'react';
import type { LostMessage } from '../../main/ipc/contract.js';
import { useText } from '../i18n/use-text.js';
import { outboxRecoveryChanged } from '../store/actions.js';
import type { AppState } from '../store/state.js';
import { useAppStore } from '../store/use-app-store.js';

/** The name of whom a lost message was to, from the chat list or the contacts; null when unknown. */
export function peerName(state: AppState, who: number | null): string | null {
  if (who === null) return null;
  return (
    state.chats.list.find((chat) => chat.who === who)?.name ??
    state.contacts.users.find((user) => user.id === who)?.name ??
    null
  );
}

export function OutboxRecoveryNotice() {
  const t = useText();
  const recovery = useAppStore((state) => state.session.outboxRecovery);
  const headingId = useId();
  if (!recovery) return null;
  return (
    <section className="outbox-recovery" role="alert" aria-labelledby={headingId} data-testid="outbox-recovery">
      <h2 id={headingId}>{t('outboxLostHeading')}</h2>
      <p>
        {recovery.unreadable
          ? t('outboxLostUnreadable')
          : t('outboxLostSome', { lost: recovery.lost.length, kept: recovery.kept })}
      </p>
      {recovery.lost.length > 0 && (
        <ul>
          {recovery.lost.map((lost, index) => (
            <LostItem key={index} lost={lost} />
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => outboxRecoveryChanged(null)}>
        {t('dismiss')}
      </button>
    </section>
  );
}

function LostItem({ lost }: { lost: LostMessage }) {
  const t = useText();
  const name = useAppStore((state) => peerName(state, lost.to));
  return (
    <li>
      <span className="outbox-recovery-to">
        {name === null ? t('outboxLostToUnknown') : t('outboxLostTo', { name: '\u2068' + name + '\u2069' })}
      </span>{' '}
      {lost.content === null ? (
        <em>{t('outboxLostNoText')}</em>
      ) : (
        <bdi className="outbox-recovery-text">{lost.content}</bdi>
      )}
    </li>
  );
}
