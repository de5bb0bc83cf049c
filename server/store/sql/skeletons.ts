// Server, store: the skeletons to give existing users when the column is added (migration 2 of
// both stores). Oldest first; a user whose skeleton an older user already has gets none.
export function skeletonsOf<Id>(
  users: Array<{ id: Id; name_key: string }>,
  skeletonOf: (nameKey: string) => string,
): Array<[Id, string]> {
  const taken = new Set<string>();
  const found: Array<[Id, string]> = [];
  for (const { id, name_key } of users) {
    const skeleton = skeletonOf(name_key);
    if (taken.has(skeleton)) continue;
    taken.add(skeleton);
    found.push([id, skeleton]);
  }
  return found;
}
