// Browser runtime. A file's type at a glance: a page with its extension ("PDF", "ZIP") on a
// colour per kind; decorative (the name beside it says the same).
import { Icon } from '../common/Icon.js';
import { fileKind } from '../format/file-kind.js';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 5 ? name.slice(dot + 1).toUpperCase() : '';
}

export function FileTypeIcon({ name, mime }: { name: string; mime: string }) {
  return (
    <span className="file-type-icon" data-kind={fileKind(mime)} aria-hidden="true">
      <Icon name="file" />
      <span className="file-type-extension">{extensionOf(name)}</span>
    </span>
  );
}
