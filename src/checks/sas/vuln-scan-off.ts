import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { sasField, VUL_SCAN_NEED } from './sas-common.js';

/** What the scheduled scan must cover (CIS 8.7): Linux and Windows patches, Web-CMS, urgent vulnerabilities. */
export const SCAN_TYPES = ['yum', 'cve', 'sys', 'cms', 'emg'] as const;

const meta: CheckMeta = {
  id: 'sas.vuln-scan-off',
  title: { en: 'Scheduled vulnerability scan off', zh: '定期漏洞扫描未开启' },
  severity: 'medium',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.os-patching',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describevulconfig'],
  remediation: {
    why: {
      en: 'A vulnerability type that is not scanned never shows up, so unpatched software looks clean. Which types are scanned is yours to set.',
      zh: '未开启扫描的漏洞类型永远不会出现,未打补丁的软件看起来也是干净的。扫描哪些类型由您设置。',
    },
    console: {
      en: '1. Security Center console > Risk Governance > Vulnerabilities > Settings (account {account}).\n2. Turn scanning on for {detail}, and pick a daily or weekly cycle.\n3. Run a scan now and check the results appear.',
      zh: '1. 云安全中心控制台 > 风险治理 > 漏洞管理 > 设置(账号 {account})。\n2. 为 {detail} 开启扫描,并选择每日或每周周期。\n3. 立即执行一次扫描并确认结果出现。',
    },
    cli: 'aliyun sas DescribeVulConfig',
  },
  terms: { detail: { en: 'the vulnerability types not scanned', zh: '未扫描的漏洞类型' } },
  needs: [VUL_SCAN_NEED],
};

export const sasVulnScanOff = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const scan = sasField(ctx, 'vulScan');
  if (scan === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the vulnerability scan settings', zh: '漏洞扫描设置' })];
  const off = SCAN_TYPES.filter((t) => scan[t] === 'off');
  const unreported = SCAN_TYPES.filter((t) => scan[t] === undefined);
  if (off.length > 0) {
    const list = off.join(', ');
    return [
      result('fail', r, say(r, (l) => `${l} does not scan for ${list} vulnerabilities.`, (l) => `${l}未开启 ${list} 漏洞扫描。`), { detail: list, evidence: { off, unreported } }),
    ];
  }
  if (unreported.length > 0) {
    return [unknownResult(ctx.snapshot, meta.needs, r, { en: `the scan setting of ${unreported.join(', ')}`, zh: `${unreported.join(', ')} 的扫描设置` })];
  }
  return [result('pass', r, say(r, (l) => `${l} scans every vulnerability type on a schedule.`, (l) => `${l}已对全部漏洞类型开启定期扫描。`))];
});
