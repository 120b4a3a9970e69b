import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo';
import { App } from './App';
import { loadRuntimeConfig } from './runtimeConfig';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadRuntimeConfig().then(
  ({ graphqlUrl }) => {
    root.render(
      <StrictMode>
        <ApolloProvider client={createApolloClient(graphqlUrl)}>
          <App />
        </ApolloProvider>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(<p role="alert">Could not read config.json: {String(error)}</p>);
  },
);
