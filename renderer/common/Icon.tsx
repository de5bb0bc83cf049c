// Browser runtime. The few line icons of the left bar, the chat header and files, drawn inline so
// no image has to be fetched; always decorative (their buttons carry the label).

const paths = {
  chats:
    'M4 5.5C4 4.7 4.7 4 5.5 4h13c.8 0 1.5.7 1.5 1.5v9c0 .8-.7 1.5-1.5 1.5H10l-4.2 3.4c-.3.3-.8 0-.8-.4V16h0c-.6 0-1-.4-1-1V5.5Z',
  contacts: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6',
  settings:
    'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4Zm7.4-3.2c0-.5 0-.9-.1-1.3l2-1.6-2-3.4-2.4.9c-.7-.6-1.4-1-2.3-1.3L14.3 3h-4l-.4 2.3c-.9.3-1.6.7-2.3 1.3l-2.4-.9-2 3.4 2 1.6c-.1.4-.1.9-.1 1.3s0 .9.1 1.3l-2 1.6 2 3.4 2.4-.9c.7.6 1.4 1 2.3 1.3l.4 2.3h4l.4-2.3c.9-.3 1.6-.7 2.3-1.3l2.4.9 2-3.4-2-1.6c.1-.4.1-.8.1-1.3Z',
  close: 'M6 6l12 12M18 6 6 18',
  paperclip: 'M20 11.5 12.2 19.3a5 5 0 0 1-7.1-7.1l8.1-8.1a3.4 3.4 0 0 1 4.8 4.8l-8 8a1.7 1.7 0 0 1-2.4-2.4l7.3-7.3',
  file: 'M14 3H7a1.5 1.5 0 0 0-1.5 1.5v15A1.5 1.5 0 0 0 7 21h10a1.5 1.5 0 0 0 1.5-1.5V7.5L14 3Zm0 0v4.5h4.5',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
