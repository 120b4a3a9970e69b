import { useState, type FormEvent } from 'react';
import { ExecutionTable } from './ExecutionTable';

// The thing to show comes from ?thing= so a view can be shared as a link.
function thingFromUrl(): string {
  return new URLSearchParams(window.location.search).get('thing') ?? '';
}

export function App() {
  const [thingName, setThingName] = useState(thingFromUrl);
  const [draft, setDraft] = useState(thingName);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const name = draft.trim();
    setThingName(name);
    const url = new URL(window.location.href);
    url.searchParams.set('thing', name);
    window.history.replaceState(null, '', url);
  }

  return (
    <main>
      <h1>IoT job executions</h1>
      <form onSubmit={onSubmit}>
        <label htmlFor="thing">Thing name</label>
        <input
          id="thing"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="e.g. thermostat-002"
          autoComplete="off"
        />
        <button type="submit">Show</button>
      </form>
      {thingName ? <ExecutionTable key={thingName} thingName={thingName} /> : <p>Enter a thing name.</p>}
    </main>
  );
}
