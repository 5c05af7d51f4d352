// Schema migrations, in order; index + 1 is the schema version. Never edit a shipped one: append.
export const MIGRATIONS: string[] = [
  // 1: mutes made from chat (who, when, why, until when), keyed by finding fingerprint.
  `CREATE TABLE mutes (
     fingerprint TEXT PRIMARY KEY,
     reason      TEXT NOT NULL,
     muted_by    TEXT NOT NULL,
     created_at  TEXT NOT NULL,
     until       TEXT NOT NULL
   );`,
  // 2: scan history for digests and trends: one row per recorded scan (open counts by severity),
  // and every failing fingerprint with when it was first and last seen and when it was resolved.
  `CREATE TABLE scans (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     account       TEXT NOT NULL,
     scope         TEXT NOT NULL,
     scanned_at    TEXT NOT NULL,
     collected_at  TEXT NOT NULL,
     source        TEXT NOT NULL,
     incomplete    INTEGER NOT NULL,
     gaps          INTEGER NOT NULL,
     open_critical INTEGER NOT NULL,
     open_high     INTEGER NOT NULL,
     open_medium   INTEGER NOT NULL,
     open_low      INTEGER NOT NULL,
     open_info     INTEGER NOT NULL,
     muted         INTEGER NOT NULL
   );
   CREATE INDEX scans_by_account ON scans (account, scope, scanned_at);
   CREATE TABLE finding_history (
     account     TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     check_id    TEXT NOT NULL,
     severity    TEXT NOT NULL,
     owner       TEXT NOT NULL,
     resource_id TEXT NOT NULL,
     region      TEXT,
     first_seen  TEXT NOT NULL,
     last_seen   TEXT NOT NULL,
     resolved_at TEXT,
     PRIMARY KEY (account, fingerprint)
   );`,
  // 3: digest schedules, runs and per-destination deliveries (exactly-once bookkeeping), a lease
  // per schedule so two runs never overlap, and channels subscribed from chat.
  `CREATE TABLE digest_schedules (
     name       TEXT PRIMARY KEY,
     first_seen TEXT NOT NULL
   );
   CREATE TABLE digest_runs (
     id            TEXT PRIMARY KEY,
     schedule      TEXT NOT NULL,
     scheduled_for TEXT NOT NULL,
     trigger       TEXT NOT NULL,
     status        TEXT NOT NULL,
     started_at    TEXT NOT NULL,
     finished_at   TEXT,
     scan_id       INTEGER REFERENCES scans (id) ON DELETE SET NULL,
     message       TEXT,
     state         TEXT,
     error         TEXT
   );
   CREATE INDEX digest_runs_by_schedule ON digest_runs (schedule, started_at);
   CREATE TABLE digest_deliveries (
     run_id      TEXT NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
     destination TEXT NOT NULL,
     status      TEXT NOT NULL,
     attempts    INTEGER NOT NULL DEFAULT 0,
     last_error  TEXT,
     updated_at  TEXT NOT NULL,
     sent_at     TEXT,
     PRIMARY KEY (run_id, destination)
   );
   CREATE TABLE digest_leases (
     schedule   TEXT PRIMARY KEY,
     holder     TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE digest_subscriptions (
     schedule    TEXT NOT NULL,
     destination TEXT NOT NULL,
     spec        TEXT NOT NULL,
     added_by    TEXT NOT NULL,
     added_at    TEXT NOT NULL,
     PRIMARY KEY (schedule, destination)
   );`,
  // 4: exactly-once delivery: the platform's reference for a posted message (Slack ts), and the
  // trend chart as its own step after the message (NULL: no chart; 'pending' | 'uploading' | 'done' | 'failed').
  `ALTER TABLE digest_deliveries ADD COLUMN message_ref TEXT;
   ALTER TABLE digest_deliveries ADD COLUMN chart_status TEXT;`,
  // 5: a chat place's default account (/posture use <account>), per platform and channel.
  `CREATE TABLE channel_accounts (
     platform TEXT NOT NULL,
     place    TEXT NOT NULL,
     account  TEXT NOT NULL,
     set_by   TEXT NOT NULL,
     set_at   TEXT NOT NULL,
     PRIMARY KEY (platform, place)
   );`,
];
