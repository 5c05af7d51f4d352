import pg from 'pg';
import { expect, it } from 'vitest';
import { tryLeadership } from '../../src/jobs/leader.js';
import { describePostgres } from '../builders/store.js';

describePostgres('leadership by advisory lock', (url) => {
  const name = () => `directory-refresh-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  it('one leader at a time; released, the next replica leads', async () => {
    const job = name();
    const a = await tryLeadership(url, job);
    expect(a).toBeDefined();
    expect(await tryLeadership(url, job)).toBeUndefined();
    await a!.release();
    const b = await tryLeadership(url, job);
    expect(b).toBeDefined();
    await b!.release();
  });

  it('a leader whose session dies (a crash) frees the lock at once, and learns it lost it', async () => {
    const job = name();
    const a = (await tryLeadership(url, job))!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // The crash: the server ends the leader's session, as when its process is killed.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`whoowns leader ${job}`.slice(0, 63)]);
    await a.lost;
    const b = await tryLeadership(url, job);
    expect(b).toBeDefined();
    await b!.release();
    await a.release();
    await admin.end();
  });
});
