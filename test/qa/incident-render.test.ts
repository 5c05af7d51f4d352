import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/i18n.js';
import { loadKnowledge } from '../../src/kb/load.js';
import type { Entry } from '../../src/kb/schema.js';
import { renderIncident, SHORT_MAX } from '../../src/qa/incident.js';

const kb = loadKnowledge();
const incidents = kb.entries.filter((e) => e.kind === 'incident');
const get = (id: string): Entry => kb.byId.get(id)!;
const cases = incidents.flatMap((e) => (['en', 'zh'] as Lang[]).map((lang) => [e.id, lang] as [string, Lang]));

describe('renderIncident, short form', () => {
  it.each(cases)('%s (%s) fits a chat answer: owner first, three steps, then the way to more', (id, lang) => {
    const e = get(id);
    const text = renderIncident(kb, e, lang, {});
    expect(text.length).toBeLessThanOrEqual(SHORT_MAX);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(lang === 'en' ? /^Owner: / : /^负责方:/);
    for (const step of e.response!.first) expect(text).toContain(step[lang]);
    expect(lines.at(-1)).toBe(lang === 'en' ? `More: \`whoowns kb show ${id}\`` : `详情:\`whoowns kb show ${id}\``);
  });

  it('names the customer as owner and quotes Alibaba Cloud\'s part on the first line', () => {
    const e = get('incident.accesskey-leak');
    const first = renderIncident(kb, e, 'en', {}).split('\n')[0]!;
    expect(first).toMatch(/^Owner: You \(customer\) — Alibaba Cloud's part: Alibaba Cloud keeps/);
    const zh = renderIncident(kb, e, 'zh', {}).split('\n')[0]!;
    expect(zh).toMatch(/^负责方:您.客户.——阿里云的部分:阿里云保障/);
  });

  it('names Alibaba Cloud as owner of a host failure and quotes your part', () => {
    const first = renderIncident(kb, get('incident.host-failure'), 'en', {}).split('\n')[0]!;
    expect(first).toMatch(/^Owner: Alibaba Cloud — Your part: Keeping your service able to survive a restart is yours\.$/);
    expect(renderIncident(kb, get('incident.host-failure'), 'zh', {})).toMatch(/^负责方:阿里云——您的部分:/);
  });

  it('gives both sides of a shared incident on the first line', () => {
    const first = renderIncident(kb, get('incident.ddos'), 'en', {}).split('\n')[0]!;
    expect(first).toMatch(/^Owner: Shared \(you and Alibaba Cloud\) — Alibaba Cloud's part: .+\. Your part: Protection beyond/);
    expect(renderIncident(kb, get('incident.ddos'), 'zh', {}).split('\n')[0]).toMatch(/^负责方:共同负责.您与阿里云.——阿里云的部分:.+。您的部分:超出默认防护能力/);
  });

  it('numbers the first steps in order', () => {
    const text = renderIncident(kb, get('incident.ransomware'), 'en', {});
    expect(text).toMatch(/\nFirst:\n1\. .+\n2\. .+\n3\. .+\n/);
    expect(renderIncident(kb, get('incident.ransomware'), 'zh', {})).toMatch(/\n首先:\n1\. .+\n2\. .+\n3\. .+\n/);
  });

  it('stays in the asked language', () => {
    const zh = renderIncident(kb, get('incident.brute-force'), 'zh', {});
    expect(zh).not.toMatch(/Owner|First|More/);
    const en = renderIncident(kb, get('incident.brute-force'), 'en', {});
    expect(en).not.toMatch(/\p{Script=Han}/u);
  });
});

describe('renderIncident, long form', () => {
  it.each(cases)('%s (%s) adds both parts in full, the products that help and the duties', (id, lang) => {
    const e = get(id);
    const short = renderIncident(kb, e, lang, {});
    const long = renderIncident(kb, e, lang, { long: true });
    expect(long.length).toBeGreaterThan(short.length);
    expect(long.split('\n')[0]).toBe(short.split('\n')[0]);
    expect(long).toContain(e.response!.cloud[lang]);
    expect(long).toContain(e.response!.customer[lang]);
    for (const step of e.response!.first) expect(long).toContain(step[lang]);
    const related = e.related.map((r) => kb.byId.get(r)!);
    for (const p of related.filter((r) => r.kind === 'product')) expect(long).toContain(p.title[lang]);
    for (const d of related.filter((r) => r.kind !== 'product')) expect(long).toContain(d.title[lang]);
  });

  it('labels each part', () => {
    const long = renderIncident(kb, get('incident.ddos'), 'en', { long: true });
    expect(long).toMatch(/\nAlibaba Cloud's part: Alibaba Cloud scrubs/);
    expect(long).toMatch(/\nYour part: Protection beyond/);
    expect(long).toMatch(/\nWhat helps: Anti-DDoS Origin, Web Application Firewall \(WAF\), Security group\n/);
    expect(long).toMatch(/\nDuties: Traffic security and encryption in transit \(You \(customer\)\); /);
    const zh = renderIncident(kb, get('incident.ddos'), 'zh', { long: true });
    expect(zh).toMatch(/\n阿里云的部分:阿里云在机房出口/);
    expect(zh).toMatch(/\n您的部分:超出默认/);
    expect(zh).toMatch(/\n可用的阿里云产品:DDoS原生防护、/);
  });
});

describe('renderIncident when a part is written too long for chat', () => {
  it('keeps the owner alone on the first line rather than overflowing', () => {
    const e = get('incident.ransomware');
    const long = 'Alibaba Cloud ' + 'keeps the storage reliable and '.repeat(20) + 'more.';
    const wordy: Entry = { ...e, response: { ...e.response!, cloud: { zh: e.response!.cloud.zh, en: long } } };
    const text = renderIncident(kb, wordy, 'en', {});
    expect(text.split('\n')[0]).toBe('Owner: You (customer)');
    expect(text.length).toBeLessThanOrEqual(SHORT_MAX);
  });
});

describe('renderIncident on an entry without a response', () => {
  it('still leads with the owner and points to the full entry', () => {
    const text = renderIncident(kb, get('customer.backup'), 'en', {});
    expect(text.split('\n')[0]).toMatch(/^Owner: You \(customer\)/);
    expect(text).toContain('More: `whoowns kb show customer.backup`');
  });
});
