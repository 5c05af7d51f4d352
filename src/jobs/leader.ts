import pg from 'pg';

// Leadership for the few jobs only one replica may run at a time (Resource Directory refresh):
// a PostgreSQL session-level advisory lock on a connection of its own. The server drops the lock
// when that session ends, so a replica that crashes (kill -9, lost node) leaves nothing to clean
// up: the next replica to ask becomes the leader.

export interface Leadership {
  /** Resolves when leadership ends without release(): the connection broke, so the lock is gone. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/** Leadership of `name` if no other session holds it now; undefined otherwise (never waits). */
export async function tryLeadership(url: string, name: string): Promise<Leadership | undefined> {
  const client = new pg.Client({ connectionString: url, application_name: `whoowns leader ${name}`.slice(0, 63) });
  let ended = false;
  const lost = new Promise<void>((resolve) => {
    client.on('error', () => resolve());
    client.on('end', () => {
      ended = true;
      resolve();
    });
  });
  await client.connect();
  const won = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`leader:${name}`])).rows[0]?.ok === true;
  if (!won) {
    await client.end();
    return undefined;
  }
  return {
    lost,
    async release() {
      if (ended) return;
      // Ending the session releases the lock; the explicit unlock only makes it immediate.
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`leader:${name}`]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
