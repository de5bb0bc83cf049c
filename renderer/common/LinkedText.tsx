// Browser runtime. Message text with its links clickable: still React text (never parsed as
// HTML), isolated like UserText, and a click asks main to open the link in the system's
// browser instead of letting the window navigate away from the app.
import { useMemo, type MouseEvent } from 'react';
import { linkParts } from '../format/links.js';
import { openLink } from '../ipc/link-commands.js';

export function LinkedText({ text, className }: { text: string; className?: string }) {
  const parts = useMemo(() => linkParts(text), [text]);

  function onClick(event: MouseEvent<HTMLAnchorElement>, url: string): void {
    event.preventDefault();
    void openLink(url);
  }

  return (
    <span dir="auto" className={className ? `user-text ${className}` : 'user-text'}>
      {parts.map((part, i) =>
        'url' in part ? (
          <a
            key={i}
            className="message-link"
            href={part.url}
            rel="noreferrer noopener"
            onClick={(event) => onClick(event, part.url)}
            // A middle click would open a window of the app's own: the same open instead.
            onAuxClick={(event) => {
              if (event.button === 1) onClick(event, part.url);
            }}
          >
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
