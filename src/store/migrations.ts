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
];
