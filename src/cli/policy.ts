import { ACTIONS_CALLED } from '../cloud/actions.js';
import { READ_ONLY_EXCEPTIONS, buildPolicy, renderPolicy } from '../security/policy.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';

// `whoowns policy`: the least-privilege RAM policy, generated from the calls the code makes.
// --json prints only the document (the same bytes as deploy/ram-policy.json), for piping into
// `aliyun ram CreatePolicy --PolicyDocument "$(whoowns policy --json)"`.

export function runPolicy(opts: { json?: boolean; lang?: 'zh' | 'en' }, io: CliIo): number {
  const policy = buildPolicy(ACTIONS_CALLED);
  const doc = renderPolicy(policy);
  if (opts.json) {
    io.out(doc);
    return 0;
  }
  const zh = (opts.lang ?? uiLang(io.env)) === 'zh';
  const n = policy.Statement[0].Action.length;
  io.out(
    zh
      ? `whoowns 只读权限策略(${n} 个动作,全部为 Describe/List/Get,另加 sts:AssumeRole)。\n` +
          '推荐:在 ECS 上授予实例 RAM 角色,在 ACK 上使用 RRSA;AccessKey 只作为最后手段。\n\n'
      : `whoowns read-only RAM policy (${n} actions, all Describe/List/Get, plus sts:AssumeRole).\n` +
          'Attach it to an instance RAM role on ECS or an RRSA role on ACK; use an AccessKey only as a last resort.\n\n',
  );
  io.out(doc);
  io.out('\n');
  for (const [action, e] of Object.entries(READ_ONLY_EXCEPTIONS)) {
    const grant = e.needsPermission ? (zh ? '已包含' : 'included') : zh ? '无需授权,未包含' : 'needs no grant, left out';
    io.out(`${action} (${grant}): ${zh ? e.why.zh : e.why.en}\n`);
  }
  io.out(
    zh
      ? 'ram:GenerateCredentialReport(未包含,从不调用):它会生成新的凭证报告,不是只读操作;因此主账号 AccessKey 和 MFA 仍列为未覆盖。\n'
      : 'ram:GenerateCredentialReport (left out, never called): it creates a new credential report, so it is not read-only; the root AccessKey and MFA rows stay not covered.\n',
  );
  return 0;
}
