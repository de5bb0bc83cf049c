// Browser runtime. What a list or the chat area shows when there is nothing in it: a small line
// picture (drawn in currentColor, so it follows the theme), one sentence, and the next step.
import type { ReactNode } from 'react';

export type EmptyPicture = 'chats' | 'conversation' | 'contacts' | 'search';

// 64×64 line drawings; decorative (the sentence says it all).
const pictures: Record<EmptyPicture, ReactNode> = {
  chats: (
    <>
      <path d="M10 16a6 6 0 0 1 6-6h24a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H24l-9 7v-7h1a6 6 0 0 1-6-6Z" />
      <path d="M30 40v2a6 6 0 0 0 6 6h12l8 6v-6a6 6 0 0 0 4-6V30a6 6 0 0 0-6-6h-4" opacity="0.55" />
      <path d="M19 23h.01M28 23h.01M37 23h.01" strokeWidth="3" />
    </>
  ),
  conversation: (
    <>
      <rect x="8" y="12" width="48" height="36" rx="5" />
      <path d="M8 20h48" />
      <path d="M16 28h18M16 35h26M30 42h18" opacity="0.55" />
      <path d="M24 48l-4 8 10-8" />
    </>
  ),
  contacts: (
    <>
      <circle cx="26" cy="24" r="9" />
      <path d="M10 52c0-9 7-15 16-15s16 6 16 15" />
      <circle cx="46" cy="22" r="6" opacity="0.55" />
      <path d="M44 34c6 0 11 4 11 11" opacity="0.55" />
    </>
  ),
  search: (
    <>
      <circle cx="28" cy="28" r="14" />
      <path d="M38 38l14 14" strokeWidth="4" />
      <path d="M22 28h12" opacity="0.55" />
    </>
  ),
};

interface EmptyStateProps {
  picture: EmptyPicture;
  text: string;
  /** The next step, if there is one: a button under the sentence. */
  action?: { label: string; onClick: () => void };
  role?: 'status';
}

export function EmptyState({ picture, text, action, role }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid="empty-state" data-picture={picture} role={role}>
      <svg className="empty-picture" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        {pictures[picture]}
      </svg>
      <p className="empty-text">{text}</p>
      {action && (
        <button type="button" className="link-button empty-action" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
