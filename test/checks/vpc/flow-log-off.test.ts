import { describe, expect, it } from 'vitest';
import { flowLogOff } from '../../../src/checks/vpc/flow-log-off.js';
import { run, statuses } from '../../builders/context.js';
import { buildFlowLog, buildGap, buildSnapshot, buildVpc } from '../../builders/snapshot.js';

describe('vpc.flow-log-off', () => {
  it('passes a VPC with an active VPC-level flow log', () => {
    expect(statuses(run(flowLogOff))).toEqual(['pass']);
  });
  it('fails without one, mentioning partial vSwitch logs', () => {
    const f = run(
      flowLogOff,
      buildSnapshot({ region: { vpcs: [buildVpc(), buildVpc({ vpcId: 'vpc-2', vpcName: 'dev' })], flowLogs: [buildFlowLog(), buildFlowLog({ flowLogId: 'fl-2', resourceType: 'VSwitch', resourceId: 'vsw-9' })] } }),
    );
    expect(f.map((x) => [x.resource.id, x.status])).toEqual([
      ['vpc-2', 'fail'],
      ['vpc-1', 'pass'],
    ]);
    expect(f[0]!.reason.en).toContain('1 vSwitch/ENI-level flow log');
  });
  it('does not count an inactive flow log', () => {
    expect(statuses(run(flowLogOff, buildSnapshot({ region: { flowLogs: [buildFlowLog({ status: 'Inactive' })] } })))).toEqual(['fail']);
  });
  it('errors when flow logs could not be read, instead of failing every VPC', () => {
    const f = run(flowLogOff, buildSnapshot({ region: { flowLogs: null }, gaps: [buildGap({ service: 'vpc', action: 'DescribeFlowLogs', missingAction: 'vpc:DescribeFlowLogs' })] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('vpc:DescribeFlowLogs');
  });
  it('errors when flow logs are null even without a recorded gap', () => {
    expect(statuses(run(flowLogOff, buildSnapshot({ region: { flowLogs: null } })))).toEqual(['error']);
  });
});
