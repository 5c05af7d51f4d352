import type { Command } from 'commander';
import type { CommandContext } from '../state.js';

// `whoowns serve`: the explicit form of `npm start`. The server code (adapters, Bolt, the SDKs)
// is imported only when the command runs, so `whoowns --help` and every other command stay fast.

const HELP = `
Runs the chat bot until SIGINT/SIGTERM: the same start as \`npm start\` (node dist/src/main.js).
  Slack:     SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode, PORT, WHOOWNS_HOST)
  DingTalk:  DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (Stream mode; /healthz and /readyz on PORT)
  Neither:   the local console, in a terminal only; without one it refuses to start (exit 2)
  Cloud:     the Alibaba Cloud credential chain; none found = the built-in demo account (WHOOWNS_DEMO=false refuses instead)
  Also:      WHOOWNS_DATA_DIR (state database, default ~/.whoowns), WHOOWNS_CONFIG, WHOOWNS_POSTURE_USERS, WHOOWNS_POSTURE_CHANNELS, WHOOWNS_LANG, WHOOWNS_LOG_LEVEL
Exit codes: 0 stopped cleanly, 1 a bug (details on stderr), 2 fix the configuration or the data directory.
`;

export function declareServe(program: Command, { io, state }: CommandContext): void {
  program
    .command('serve')
    .description('run the chat bot (Slack, DingTalk, or the local console); the same as npm start')
    .addHelpText('after', HELP)
    .action(async () => {
      const { serve } = await import('../../server.js');
      state.code = await serve({ env: io.env, stdin: process.stdin, stdout: process.stdout, err: (t) => io.err(t) });
    });
}
