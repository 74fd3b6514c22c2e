import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';

import { App } from './app';
import { AppStateProvider } from './state/app-state';
import { CheckRunProvider } from './state/check-run';
import { UploadRunProvider } from './state/upload-run';

import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/screens.css';

// The CSP has no 'unsafe-eval'; without this zod would probe `new Function` and be refused.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppStateProvider>
      <CheckRunProvider>
        <UploadRunProvider>
          <App />
        </UploadRunProvider>
      </CheckRunProvider>
    </AppStateProvider>
  </StrictMode>,
);
