// Tells everyone who shows a user's name that it changed: the user's own sockets and the owner of
// every chat record whose peer is the user, a bounded page of owners at a time.
import { userRoom, type UserUpdate } from '../../protocol/contract.js';
import type { Store } from '../store/store.js';

/** Owners read and told per step. */
export const ownersPerBatch = 500;

export function userUpdates(
  store: Store,
  emit: (rooms: string[], update: UserUpdate) => void,
): (update: UserUpdate) => Promise<void> {
  return async (update) => {
    emit([userRoom(update.id)], update);
    let after = 0;
    for (;;) {
      const owners = await store.peerOwners(update.id, after, ownersPerBatch);
      if (owners.length > 0) emit(owners.map(userRoom), update);
      if (owners.length < ownersPerBatch) return;
      after = owners[owners.length - 1]!;
    }
  };
}
