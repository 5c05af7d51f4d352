// /posture team <id>: the open findings one team owns (owners: in the config file), each saying
// why the team owns it, and how many open findings nobody owns, so a team never reads its own
// list as the whole picture.

import type { Reply } from '../../src/chat/message.js';
import type { Locale } from '../../src/chat/types.js';
import { echo } from '../../src/core/echo.js';
import { WhoownsError } from '../../src/core/errors.js';
import type { ScanView } from '../../src/posture/service.js';
import { findingsReply, openFindings } from './view.js';

export const TEAM_WORDS = ['team', '团队'];
export const TEAM_USAGE = { zh: '/posture team <团队 ID>', en: '/posture team <team-id>' };
export const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function teamReply(teamId: string, view: ScanView, locale: Locale): Reply {
  const teams = view.scan.teams;
  if (!teams) {
    throw new WhoownsError('USAGE', {
      zh: '还没有配置团队:请在配置文件(WHOOWNS_CONFIG)中添加 owners: 段落(团队与归属规则,见 README“团队归属”一节)后重启。',
      en: 'No teams are configured: add an owners: block to the config file (WHOOWNS_CONFIG) with the teams and their rules (see "Team ownership" in the README), then restart.',
    });
  }
  const name = teams[teamId];
  if (!name) {
    const known = Object.keys(teams).sort().join(', ');
    throw new WhoownsError('USAGE', {
      zh: `未知的团队 “${echo(teamId)}”。已配置的团队:${known}。\n用法:${TEAM_USAGE.zh}`,
      en: `Unknown team "${echo(teamId)}". Configured teams: ${known}.\nUsage: ${TEAM_USAGE.en}`,
    });
  }
  const open = openFindings(view);
  const mine = open.filter((f) => f.team?.teams.includes(teamId));
  const nobody = open.filter((f) => f.team?.teams.length === 0).length;
  const title = locale === 'zh' ? `${name.zh}(${teamId})的问题` : `Findings for ${name.en} (${teamId})`;
  const reply = findingsReply(title, mine, view, locale);
  const note =
    locale === 'zh' ? `另有 ${nobody} 项未解决的问题位于无人负责的资源上(见 whoowns scan 的无主资源列表)。` : `${nobody} open ${nobody === 1 ? 'finding' : 'findings'} on resources no team owns (see the unowned list in whoowns scan).`;
  // Before the freshness line, which stays last.
  reply.blocks.splice(reply.blocks.length - 1, 0, { type: 'context', text: note });
  return reply;
}
