import ReactDOM from 'react-dom/client';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import mlopsPlugin from '../src/alpha';

// Serves the plugin inside a minimal app: `yarn start` in this folder.
const app = createApp({ features: [catalogPlugin, mlopsPlugin] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
