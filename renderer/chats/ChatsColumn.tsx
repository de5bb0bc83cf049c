// Browser runtime. The Chats section's column: the search box, then the chat list, or the
// search's results while there is a query.
import { SearchBox, SearchResults } from '../search/SearchPanel.js';
import { useAppStore } from '../store/use-app-store.js';
import { ChatList } from './ChatList.js';

export function ChatsColumn() {
  const searching = useAppStore(
    (state) => state.acts.search !== null && state.acts.search.who === undefined && state.acts.search.query !== '',
  );
  return (
    <>
      <SearchBox />
      {searching ? <SearchResults /> : <ChatList />}
    </>
  );
}
