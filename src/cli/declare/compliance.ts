import { Argument, type Command } from 'commander';
import { COMPLIANCE_FORMATS } from '../../posture/render/formats.js';
import type { ComplianceOptions } from '../compliance.js';
import { choiceOption, langOption, pickChoice } from '../options.js';
import type { CommandContext } from '../state.js';

// `whoowns compliance <framework>`: each recommendation's status from one scan. Exit codes: 0 ok;
// 2 usage error; 3 the scan could not run. The framework map, checks and SDKs load in the action.

/** Frameworks shipped in knowledge/compliance (src/compliance/framework.ts FRAMEWORK_FILES). */
export const COMPLIANCE_FRAMEWORKS = ['cis-v2', 'prowler'] as const;

export function declareCompliance(program: Command, { io, state }: CommandContext): void {
  program
    .command('compliance')
    .description('each recommendation of a compliance framework (cis-v2: CIS Alibaba Cloud v2.0.0) with its status from a scan; prowler: which whoowns check answers each Prowler Alibaba Cloud check (no scan)')
    .addArgument(new Argument('<framework>', 'framework to report').choices(COMPLIANCE_FRAMEWORKS).argParser((v: string) => pickChoice('framework', v, COMPLIANCE_FRAMEWORKS)))
    .option('--account <name>', 'configured account to scan (default: the first)')
    .addOption(choiceOption('--format <format>', 'output format (default: table on a terminal, json otherwise)', COMPLIANCE_FORMATS))
    .option('--demo', 'scan the built-in demo account (DEMO DATA)')
    .addOption(langOption())
    .action(async (framework: (typeof COMPLIANCE_FRAMEWORKS)[number], opts: ComplianceOptions) => {
      const { runCompliance, runProwlerMap } = await import('../compliance.js');
      state.code = framework === 'prowler' ? runProwlerMap(opts, io) : await runCompliance(framework, opts, io);
    });
}
