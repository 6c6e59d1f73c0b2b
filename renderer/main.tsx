import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/get-api';
import { messageOf } from './api/api-error';
import { App } from './app/App';
import { StoreContext } from './state/store';
import { ErrorState } from './ui/States';
import './app/theme.css';
import { createAppStore } from './app/create-store';

const root = createRoot(document.getElementById('root')!);

getApi().then(
  (api) =>
    root.render(
      <StrictMode>
        <StoreContext.Provider value={{ api, store: createAppStore(api) }}>
          <App />
        </StoreContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) => root.render(<ErrorState title="Shardscope could not start" message={messageOf(error)} />),
);
