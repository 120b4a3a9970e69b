import { startStub, startSubject, subjectEnv } from './subjects.js';
import { listBody } from './workload.js';
const stub = await startStub(false);
const g = await startSubject('G', { ...subjectEnv({ stubUrl: stub.url, logLevel: 'warn' }), PORT: '0' } as never, false);
try {
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: listBody('thing-1') });
    const text = await res.text();
    console.log(res.status, (performance.now() - t).toFixed(0), 'ms', text.length, text.slice(0, 300));
  }
  const many = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: listBody('thing-1') }).then((r) => r.text())));
  console.log('20 concurrent', (performance.now() - many).toFixed(0), 'ms');
  console.log(g.tail().slice(-3000));
} finally {
  await g.stop();
  await stub.stop();
}
