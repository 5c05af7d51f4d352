import { FINGERPRINT_TYPES } from '../../cloud/snapshot.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { FINGERPRINT_NEED, sasField } from './sas-common.js';

type FingerprintType = (typeof FINGERPRINT_TYPES)[number];

/** Console names of the fingerprint types CIS 8.8 names. */
const NAMES: Record<FingerprintType, { en: string; zh: string }> = {
  scheduler_port_period: { en: 'listening ports', zh: '监听端口' },
  scheduler_process_period: { en: 'running processes', zh: '运行进程' },
  scheduler_software_period: { en: 'software', zh: '软件资产' },
  scheduler_cron_period: { en: 'scheduled tasks', zh: '计划任务' },
  scheduler_sca_period: { en: 'middleware', zh: '中间件' },
};

/** CIS 8.8 asks for "collected once a day": hourly, 3-hourly and 12-hourly collect more often and count; weekly and never do not. */
export const DAILY_HOURS = 24;

const meta: CheckMeta = {
  id: 'sas.fingerprints-not-daily',
  title: { en: 'Asset fingerprints not collected daily', zh: '资产指纹未每日采集' },
  severity: 'low',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-getpropertyscheduleconfig'],
  remediation: {
    why: {
      en: 'Asset fingerprints (ports, processes, software, scheduled tasks, middleware) are what an investigation compares against after an intrusion; collected weekly or never, the picture is days old or missing. The collection frequency is yours to set.',
      zh: '资产指纹(端口、进程、软件、计划任务、中间件)是入侵后调查时用来比对的依据;每周采集或不采集,看到的情况就是几天前的或根本没有。采集频率由您设置。',
    },
    console: {
      en: '1. Security Center console > Investigation (Assets) > Asset Fingerprints > Settings (account {account}).\n2. Under Refresh Frequencies, set {detail} to collected once a day (or more often).\n3. Save, and check the next collection time shows.',
      zh: '1. 云安全中心控制台 > 调查响应(资产中心) > 资产指纹 > 设置(账号 {account})。\n2. 在采集频率中把 {detail} 设为每天采集一次(或更频繁)。\n3. 保存并确认显示下次采集时间。',
    },
    cli: 'aliyun sas ModifyPropertyScheduleConfig --Type scheduler_port_period --ScheduleTime 24',
  },
  terms: { detail: { en: 'this fingerprint type', zh: '该指纹类型' } },
  needs: [FINGERPRINT_NEED],
};

function every(hours: number): { en: string; zh: string } {
  if (hours === 0) return { en: 'never', zh: '不采集' };
  return hours % 24 === 0 ? { en: `every ${hours / 24} days`, zh: `每 ${hours / 24} 天` } : { en: `every ${hours} hours`, zh: `每 ${hours} 小时` };
}

// One result per fingerprint type (detail = the type): a type's finding keeps its identity when
// another type is fixed or cannot be read, so digests see it stay open instead of "fixed and new".
export const sasFingerprintsNotDaily = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const schedule = sasField(ctx, 'fingerprintSchedule');
  return FINGERPRINT_TYPES.map((t) => {
    const hours = schedule?.[t];
    if (hours === undefined || hours === null) {
      return unknownResult(ctx.snapshot, meta.needs, r, { en: `the collection frequency of ${NAMES[t].en} fingerprints`, zh: `${NAMES[t].zh}指纹的采集频率` }, { detail: t, relatedIds: [t] });
    }
    if (hours === 0 || hours > DAILY_HOURS) {
      return result('fail', r, say(r, (l) => `${l} collects ${NAMES[t].en} fingerprints ${every(hours).en}, not daily.`, (l) => `${l}的${NAMES[t].zh}指纹${every(hours).zh},未每日采集。`), {
        detail: t,
        cli: `aliyun sas ModifyPropertyScheduleConfig --Type ${t} --ScheduleTime ${DAILY_HOURS}`,
        evidence: { hours },
      });
    }
    return result('pass', r, say(r, (l) => `${l} collects ${NAMES[t].en} fingerprints ${every(hours).en}.`, (l) => `${l}的${NAMES[t].zh}指纹${every(hours).zh}采集一次。`), { detail: t });
  });
});
