// Browser runtime. The person's photo when they have one (from the directory: users:list and
// user:updated; the signed-in user's own from their account), else initials on the person's colour, also while the photo loads; decorative
// unless given a label.
import { useState } from 'react';
import { useAvatarUrl } from '../files/avatar-urls.js';
import { avatarColour, initials } from '../format/avatar.js';
import { useAppStore } from '../store/use-app-store.js';

interface AvatarProps {
  id: number;
  name: string;
  size?: 'small' | 'medium' | 'large';
  /** Spoken name; without it the avatar is hidden from assistive technology. */
  label?: string;
}

export function Avatar({ id, name, size = 'medium', label }: AvatarProps) {
  // The signed-in user is not in their own directory: their photo is the account's.
  const avatar = useAppStore((state) => {
    const own = state.session.account?.user;
    return own?.id === id ? own.avatar : state.contacts.users.find((user) => user.id === id)?.avatar;
  });
  const url = useAvatarUrl(avatar);
  const [loaded, setLoaded] = useState<string | null>(null);
  const showsPhoto = url !== null && loaded === url;
  return (
    <span
      className={`avatar avatar-${size}${showsPhoto ? ' avatar-photo' : ''}`}
      data-colour={avatarColour(id)}
      // Drawn by CSS from the attribute, so the letters never mix into the text around them.
      data-initials={initials(name)}
      {...(label ? { role: 'img', 'aria-label': label, title: label } : { 'aria-hidden': true })}
    >
      {url !== null && (
        <img className="avatar-image" src={url} alt="" draggable={false} onLoad={() => setLoaded(url)} />
      )}
    </span>
  );
}
