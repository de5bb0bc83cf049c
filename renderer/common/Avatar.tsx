// Browser runtime. Initials on the person's colour; decorative unless given a label.
import { avatarColour, initials } from '../format/avatar.js';

interface AvatarProps {
  id: number;
  name: string;
  size?: 'small' | 'medium' | 'large';
  /** Spoken name; without it the avatar is hidden from assistive technology. */
  label?: string;
}

export function Avatar({ id, name, size = 'medium', label }: AvatarProps) {
  return (
    <span
      className={`avatar avatar-${size}`}
      data-colour={avatarColour(id)}
      // Drawn by CSS from the attribute, so the letters never mix into the text around them.
      data-initials={initials(name)}
      {...(label ? { role: 'img', 'aria-label': label, title: label } : { 'aria-hidden': true })}
    />
  );
}
