// The layers of whoowns (see README "Development"), enforced by `npm run lint`.
// An import may only point down: core ← data ← rules ← engine ← surface ← adapters ← entry.
// Type-only imports count too (tsPreCompilationDeps): a cycle of types is still a cycle of ideas.

const PLATFORM_SDKS = '^(@slack/|dingtalk-stream|ws$)';
const CLOUD_SDKS = '^(@alicloud/|@darabonba/|ali-oss$)';
// The database drivers and the job queue belong to the store (and the jobs layer built on it).
const DB_DRIVERS = '^(better-sqlite3|pg|pg-boss)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, type-only ones included.', from: {}, to: { circular: true } },
    {
      name: 'platform-sdks-only-in-adapters',
      severity: 'error',
      comment: 'Only src/adapters/* may import a chat platform SDK.',
      from: { pathNot: '^src/adapters/' },
      to: { dependencyTypesNot: ['type-only'], path: PLATFORM_SDKS },
    },
    {
      name: 'cloud-sdks-only-in-cloud',
      severity: 'error',
      comment: 'Only the collector (src/cloud) talks to Alibaba Cloud SDKs.',
      from: { pathNot: '^src/cloud/' },
      to: { path: CLOUD_SDKS },
    },
    {
      name: 'database-drivers-only-in-store',
      severity: 'error',
      comment: 'Only src/store (and src/jobs, the queue on the same database) open database connections.',
      from: { pathNot: '^src/(store|jobs)/' },
      to: { dependencyTypesNot: ['type-only'], path: DB_DRIVERS },
    },
    {
      name: 'checks-see-only-the-model',
      severity: 'error',
      comment: 'A check reads a snapshot and returns results: it imports the check model, snapshot types, helpers and core only.',
      from: { path: '^src/checks/' },
      to: { pathNot: ['^src/checks/', '^src/core/', '^src/cloud/snapshot\\.ts$', '^src/posture/types\\.ts$', '^node_modules/(zod|yaml)/', '^(node:)?(fs|path|url)$'] },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'The CLI is an entry point: nothing under src/ (but the CLI itself) or commands/ imports it.',
      from: { path: '^(src|commands)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-declarations-stay-cheap',
      severity: 'error',
      comment:
        'Declaring the commands (src/cli/declare, program.ts, bin.ts) loads only commander, the shared option and io leaves and constant-only modules, ' +
        'so `whoowns --help` starts at once. A command reaches its runtime (SDKs, SQLite, the Q&A engine) by a dynamic import() in its action.',
      from: { path: '^src/cli/(declare/|program\\.ts$|bin\\.ts$)' },
      to: {
        dependencyTypesNot: ['type-only', 'dynamic-import', 'core'],
        pathNot: [
          '^src/cli/(declare/|options\\.ts$|io\\.ts$|state\\.ts$|program\\.ts$)',
          '^src/core/(errors|i18n|paths|redact|secrets|last-resort)\\.ts$',
          '^src/kb/kinds\\.ts$',
          '^src/posture/render/formats\\.ts$',
          'node_modules/(commander|fuse\\.js)/',
        ],
      },
    },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src|commands)/', pathNot: '^src/core/' },
    },
    {
      name: 'emulator-only-from-demo-wiring',
      severity: 'error',
      comment: 'The emulator speaks the wire format; the product reaches it only through the demo wiring (and tests).',
      from: { path: '^(src|commands)/', pathNot: ['^src/emulator/', '^src/cli/', '^src/app\\.ts$', '^src/demo\\.ts$', '^src/wiring/'] },
      to: { path: '^src/emulator/' },
    },
    {
      name: 'emulator-does-not-reuse-the-collector',
      severity: 'error',
      comment:
        'The emulator must not share the collector\'s code, so a mistake in one is caught by the other. Its scenarios are typed ' +
        'with the snapshot model (type-only, erased at build), which keeps a scenario comparable with the snapshot it yields; the ' +
        'wire format it serves (PascalCase JSON) is written by the emulator and parsed by the collector independently.',
      from: { path: '^src/emulator/' },
      to: { path: '^src/(cloud|checks|posture|digest|adapters|chat)/', pathNot: '^src/cloud/snapshot\\.ts$' },
    },
    {
      name: 'emulator-types-only-from-the-snapshot',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/cloud/snapshot\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-upward-from-data',
      severity: 'error',
      comment: 'kb, cloud and store are data: they import core only (and each other where a store needs a type).',
      from: { path: '^src/(kb|cloud|store)/' },
      to: { path: '^(src/(checks|posture|qa|digest|chat|adapters|app\\.ts|main\\.ts)|commands/)' },
    },
    {
      name: 'no-upward-from-engine',
      severity: 'error',
      comment: 'posture, qa and digest never import the chat surface, adapters or entry points.',
      from: { path: '^src/(posture|qa|digest)/' },
      to: { dependencyTypesNot: ['type-only'], path: '^(src/(chat|adapters|app\\.ts|main\\.ts)|commands/)' },
    },
    {
      name: 'no-upward-from-surface',
      severity: 'error',
      comment: 'chat and commands never import adapters or entry points.',
      from: { path: '^(src/chat/|commands/)' },
      to: { path: '^src/(adapters|app\\.ts|main\\.ts)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
