// Browser runtime. Start-up: connect the store to window.messenger, then draw the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { connectApi } from './ipc/api.js';
import { loadSnapshot, wireEvents } from './ipc/wiring.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/sign-in.css';
import './styles/chat-list.css';
import './styles/chat.css';
import './styles/overlays.css';
import './styles/avatar.css';

const api = window.messenger;
connectApi(api);
wireEvents(api);
void loadSnapshot(api).catch(() => {
  // Without a snapshot the window stays on "Loading…"; the core's events still arrive.
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
