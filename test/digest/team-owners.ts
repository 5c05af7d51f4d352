// The owners block the team digest tests share: web mentions, data has a DingTalk group, quiet refuses
// mentions, search has no chat place.

import { ownersSchema, type OwnersConfig } from '../../src/config/file.js';

export const OWNERS: OwnersConfig = ownersSchema.parse({
  teams: {
    web: { name: { zh: '网站组', en: 'Web' }, slack: { channel: 'C0WEB', usergroup: 'S0WEB' }, mention: true },
    data: { name: { zh: '数据组', en: 'Data' }, dingtalk: { conversationId: 'cidDATA', atUserIds: ['manager1'] } },
    quiet: { name: { zh: '安静组', en: 'Quiet' }, slack: { channel: 'C0QUIET', usergroup: 'S0QUIET' }, mention: false },
    search: { name: { zh: '搜索组', en: 'Search' } },
  },
  rules: [
    { team: 'web', match: { tag: { key: 'team', value: 'web' } } },
    { team: 'data', match: { tag: { key: 'team', value: 'data' } } },
    { team: 'quiet', match: { tag: { key: 'team', value: 'quiet' } } },
  ],
});
