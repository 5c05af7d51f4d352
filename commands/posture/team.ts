import { count } from '../../src/core/plural.js';
// /posture team <id>: the open findings one team owns (owners: in the config file), each saying
// why the team owns it, and how many open findings nobody owns, so a team never reads its own
// list as the whole picture.

import type { Reply } from '../../src/chat/message.js';
import type { ChatUser, Locale } from '../../src/chat/types.js';
import type { Logger } from '../../src/core/logger.js';
import { echo } from '../../src/core/echo.js';
import { WhoownsError } from '../../src/core/errors.js';
import type { ScanView } from '../../src/posture/service.js';
import type { OwnersConfig } from '../../src/config/file.js';
import { findingsReply, openFindings } from './view.js';

export const TEAM_WORDS = ['team', '团队'];
export const TEAM_USAGE = { zh: '/posture team <团队 ID>', en: '/posture team <team-id>' };
export const MINE_WORDS = ['mine', '我的'];
export const MINE_USAGE = { zh: '/posture mine', en: '/posture mine' };
export const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const NO_TEAMS = {
  zh: '还没有配置团队:请在配置文件(WHOOWNS_CONFIG)中添加 owners: 段落(团队与归属规则,见 README“团队归属”一节)后重启。',
  en: 'No teams are configured: add an owners: block to the config file (WHOOWNS_CONFIG) with the teams and their rules (see "Team ownership" in the README), then restart.',
};

export function teamReply(teamId: string, view: ScanView, locale: Locale): Reply {
  const teams = view.scan.teams;
  if (!teams) throw new WhoownsError('USAGE', NO_TEAMS);
  const name = teams[teamId];
  if (!name) {
    const known = Object.keys(teams).sort().join(', ');
    throw new WhoownsError('USAGE', {
      zh: `未知的团队 “${echo(teamId)}”。已配置的团队:${known}。\n用法:${TEAM_USAGE.zh}`,
      en: `Unknown team "${echo(teamId)}". Configured teams: ${known}.\nUsage: ${TEAM_USAGE.en}`,
    });
  }
  const title = locale === 'zh' ? `${name.zh}(${teamId})的问题` : `Findings for ${name.en} (${teamId})`;
  return withUnownedCount(findingsOf([teamId], title, view, locale), view, locale);
}

/**
 * The asker's teams: owners.members (chat user id → teams) plus, where the platform can tell, the
 * teams whose Slack user group the asker is in (the adapter looks the membership up, cached).
 * A refused look-up only matters when nothing else names a team: then its error says the fix.
 */
export async function askerTeams(user: ChatUser, owners: OwnersConfig | undefined, log: Logger): Promise<string[]> {
  if (!owners) return [];
  const listed = owners.members?.[user.id] ?? [];
  const byGroup = Object.entries(owners.teams).filter(([, t]) => t.slack?.usergroup !== undefined);
  if (!user.inGroups || !byGroup.length) return listed;
  let groups: string[];
  try {
    groups = await user.inGroups([...new Set(byGroup.map(([, t]) => t.slack!.usergroup!))]);
  } catch (e) {
    if (listed.length) {
      log.warn({ err: e }, 'slack user groups could not be read; /posture mine uses owners.members only');
      return listed;
    }
    throw e;
  }
  const fromGroups = byGroup.filter(([, t]) => groups.includes(t.slack!.usergroup!)).map(([id]) => id);
  return [...new Set([...listed, ...fromGroups])];
}

/** /posture mine: the asker's teams (askerTeams) and their open findings. */
export function mineReply(userId: string, mine: string[], owners: OwnersConfig | undefined, view: ScanView, locale: Locale): Reply {
  if (!owners || !view.scan.teams) throw new WhoownsError('USAGE', NO_TEAMS);
  if (!mine.length) {
    throw new WhoownsError('USAGE', {
      zh: `你(${echo(userId)})不属于任何团队:请管理员在配置文件的 owners.members 下添加 "${echo(userId)}: [<团队>]",或把你加入某个团队的 Slack 用户组(owners.teams.<团队>.slack.usergroup)。`,
      en: `You (${echo(userId)}) are in no team: ask an admin to add "${echo(userId)}: [<team>]" under owners.members in the config file (then restart), or to add you to a team's Slack user group (owners.teams.<team>.slack.usergroup).`,
    });
  }
  const title = locale === 'zh' ? `你所在团队的问题:${mine.join('、')}` : `Findings for your teams: ${mine.join(', ')}`;
  return withUnownedCount(findingsOf(mine, title, view, locale), view, locale);
}

function findingsOf(teamIds: string[], title: string, view: ScanView, locale: Locale): Reply {
  const mine = openFindings(view).filter((f) => f.team?.teams.some((t) => teamIds.includes(t)));
  return findingsReply(title, mine, view, locale);
}

function withUnownedCount(reply: Reply, view: ScanView, locale: Locale): Reply {
  const nobody = openFindings(view).filter((f) => f.team?.teams.length === 0).length;
  const note =
    locale === 'zh' ? `另有 ${nobody} 项未解决的问题位于无人负责的资源上(见 whoowns scan 的无主资源列表)。` : `${count(nobody, 'open finding')} on resources no team owns (see the unowned list in whoowns scan).`;
  // Before the freshness line, which stays last.
  reply.blocks.splice(reply.blocks.length - 1, 0, { type: 'context', text: note });
  return reply;
}
