// Browser runtime. Start-up: connect the store to window.messenger, report what nothing
// caught, then draw the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { watchAnnouncements } from './a11y/watch.js';
import { App } from './app/App.js';
import { connectApi } from './ipc/api.js';
import { watchUncaughtErrors } from './ipc/problems.js';
import { startWindow, wireEvents } from './ipc/wiring.js';
import { appStore } from './store/store.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/sign-in.css';
import './styles/chat-list.css';
import './styles/chat.css';
import './styles/overlays.css';
import './styles/avatar.css';
import './styles/admin.css';
import './styles/files.css';
import './styles/message-actions.css';
import './styles/desktop.css';
import './styles/chat-polish.css';

const api = window.messenger;
connectApi(api);
watchUncaughtErrors(window);
wireEvents(api);
watchAnnouncements(appStore);
void startWindow();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
