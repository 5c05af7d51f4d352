// ResourceManager (2020-03-31): the Resource Directory's member list, paged by PageNumber/PageSize.

import { ApiError } from '../api-error.js';
import type { Handlers } from '../handler.js';

const JOIN_TIME = '2025-03-01T08:00:00Z';

export const resourceManagerHandlers: Handlers = {
  ListAccounts: ({ params: p, data, directory }) => {
    if (!directory) {
      throw new ApiError(404, 'EntityNotExists.ResourceDirectory', 'The resource directory does not exist. Enable Resource Directory in the management account first.');
    }
    const pageNumber = p.int('PageNumber', { min: 1, max: 100_000 }) ?? 1;
    const pageSize = p.int('PageSize', { min: 1, max: 100 }) ?? 10;
    const all = [
      { accountId: data.accountId, displayName: data.scenario.account.accountAlias ?? 'management', type: 'CloudAccount' },
      ...directory.members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, type: 'ResourceAccount' })),
    ];
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: all.length,
      Accounts: {
        Account: page.map((a) => ({
          AccountId: a.accountId,
          DisplayName: a.displayName,
          AccountName: `${a.accountId}@resource.aliyunid.com`,
          Type: a.type,
          Status: 'CreateSuccess',
          JoinMethod: a.type === 'CloudAccount' ? 'invited' : 'created',
          JoinTime: JOIN_TIME,
          ModifyTime: JOIN_TIME,
          FolderId: 'fd-emulatorroot',
          ResourceDirectoryId: directory.directoryId,
        })),
      },
    };
  },
};
