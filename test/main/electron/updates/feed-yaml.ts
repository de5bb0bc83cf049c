// A latest*.yml as electron-builder writes it, for the tests' update feeds.
import yaml from 'js-yaml';

export function feedYaml(version: string): string {
  const file = `Messenger-${version}.AppImage`;
  return yaml.dump({
    version,
    files: [{ url: file, sha512: 'c2hhNTEy', size: 123 }],
    path: file,
    sha512: 'c2hhNTEy',
    releaseDate: '2026-12-01T10:00:00.000Z',
  });
}
