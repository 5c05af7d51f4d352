// A Resource Directory served by the emulator: the scenario's own account is the management
// account; each member is another bundled scenario served under the member's account id, reached
// the way the real thing is reached — AssumeRole into acs:ram::<member>:role/<name>.

import { AccountData } from './data.js';
import type { Scenario, ScenarioDirectory } from './scenario.js';

export type MemberRole = ScenarioDirectory['members'][number]['role'];

export interface DirectoryMember {
  accountId: string;
  displayName: string;
  role: MemberRole;
  data: AccountData;
}

export class Directory {
  readonly directoryId: string;
  readonly members: DirectoryMember[];

  constructor(spec: ScenarioDirectory, load: (nameOrPath: string) => Scenario) {
    this.directoryId = spec.directoryId;
    this.members = spec.members.map((m) => {
      const s = load(m.scenario);
      // The member's resources carry the member's id, so a cross-account mix-up shows in the data.
      const own: Scenario = { ...s, account: { ...s.account, accountId: m.accountId, arn: `acs:ram::${m.accountId}:root`, principalId: m.accountId } };
      return { accountId: m.accountId, displayName: m.displayName, role: m.role, data: new AccountData(own) };
    });
  }

  member(accountId: string): DirectoryMember | undefined {
    return this.members.find((m) => m.accountId === accountId);
  }
}
