import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/kb/load.js';
import type { Entry, Owner } from '../../src/kb/schema.js';
import { QaEngine } from '../../src/qa/engine.js';

// Registry test for incidents: each says who owns which step and what to do first, links to the
// duties and products that help, and is found by the words people use when it happens to them.

const kb = loadKnowledge();
const incidents = kb.entries.filter((e) => e.kind === 'incident');
const engine = new QaEngine(kb);

/** Who owns each incident overall. Hardware is Alibaba Cloud's; a DDoS is split; the rest happen in your instance or account. */
const OWNERS: Record<string, Owner> = {
  'incident.brute-force': 'customer',
  'incident.cryptojacking': 'customer',
  'incident.ransomware': 'customer',
  'incident.accesskey-leak': 'customer',
  'incident.deleted-resources': 'customer',
  'incident.host-failure': 'alibaba-cloud',
  'incident.ddos': 'shared',
  'incident.open-port-leak': 'customer',
  'incident.defaced-website': 'customer',
  'incident.console-compromise': 'customer',
  'incident.outbound-attack': 'customer',
  'incident.vulnerability-exploited': 'customer',
};

// Our own questions, in the words of someone it just happened to: colloquial, both languages.
const QUESTIONS: Record<string, string[]> = {
  'incident.brute-force': [
    '服务器被爆破了,密码被人试出来了怎么办',
    '远程桌面被暴力破解,登进来的是谁的锅?',
    'someone brute forced SSH on our box and got in, what now?',
    'thousands of failed login attempts on RDP from random IPs, who handles that?',
    '我们的Linux老是被人扫22端口爆破,这个归谁管',
    '弱密码被人登上去了谁负责',
    'root密码太简单被人登录了',
    'our server got hacked because the root password was 123456',
  ],
  'incident.cryptojacking': [
    '机器被挖矿了,CPU一直百分百',
    '发现服务器上有个xmrig进程,中了挖矿怎么处理',
    'our instance is running a crypto miner we never installed',
    'cryptojacking on a VM — is that on us or on Alibaba?',
    '服务器变得很卡,发现有矿工程序',
    'CPU被不明进程吃满,怀疑是挖矿',
    'someone is mining monero on our ECS',
  ],
  'incident.ransomware': [
    '中了勒索病毒,文件全被加密了还要比特币',
    '服务器中勒索了,能找阿里云恢复吗',
    'ransomware hit a Windows server, all files have a new extension',
    'got a ransom note on the box, can Alibaba decrypt it?',
    '数据库被勒索了,留言让我们付比特币',
    'files on the server all encrypted, what first',
  ],
  'incident.accesskey-leak': [
    'AK泄露了,被人拿去开了一堆机器',
    '同事把AccessKey写在代码里传到GitHub了',
    'we leaked an access key in a public repo, what do we do?',
    'found our AccessKey Secret hard-coded in the mobile app, whose problem?',
    'AccessKey被人偷了',
    '密钥被上传到了公开代码库',
    'our AK leaked, who is responsible',
  ],
  'incident.deleted-resources': [
    '实例被删了,数据还能找回来吗',
    '云盘被人删了,快照也没了,谁负责',
    'an intern deleted the production disk by mistake, can Alibaba restore it?',
    'all our snapshots got deleted overnight, who did it and who fixes it?',
    '服务器被误释放了',
    '黑客把我们的ECS全删了',
    'someone deleted our instances, can Alibaba get them back?',
  ],
  'incident.host-failure': [
    '宿主机宕机了,我们的机器自己重启了',
    '实例半夜被平台迁移重启,算谁的问题',
    'the physical host failed and our instance was live migrated, whose fault?',
    'instance rebooted by itself and the event says hardware failure',
    '物理机坏了实例挂了谁负责',
    '宿主机硬件故障导致实例宕机',
    'our VM went down because the underlying host hardware failed',
  ],
  'incident.ddos': [
    '网站被打了,IP进黑洞了,谁来管',
    '被DDoS打挂了,阿里云不是有防护吗',
    'we are under a DDoS and the IP got blackholed, who deals with it?',
    'a traffic flood took our site offline, is that Alibaba or us?',
    '被DDoS了谁来管',
    '服务器被流量攻击打瘫了',
    'DDoS took our site down, is that Alibaba\'s problem?',
  ],
  'incident.open-port-leak': [
    'Redis没设密码开在公网,数据被拖了',
    '数据库被拖库了,3306对外开着',
    'our Elasticsearch was open to the internet and the data leaked',
    'exposed MongoDB with no auth got dumped, who is responsible?',
    'MySQL端口对外开放,数据被人下载了',
    'ES集群没密码被人把数据拖走了',
    'our redis had no password and got hacked',
  ],
  'incident.defaced-website': [
    '网站首页被篡改了,挂了赌博链接',
    '网站被挂马,打开就跳转',
    'our website was defaced overnight, what do we do first?',
    'someone injected spam links into our homepage',
    '网站被黑了,首页变成别的内容',
    '网站被人改了',
    'hackers replaced our homepage',
  ],
  'incident.console-compromise': [
    '阿里云账号被盗了,控制台有异地登录',
    '子账号被人登录了还新建了RAM用户',
    'someone logged into our console with a stolen password',
    'a RAM user was compromised and created new users, whose job to clean up?',
    '控制台被陌生人登录了',
    'someone hijacked our Alibaba Cloud account',
  ],
  'incident.outbound-attack': [
    '收到违规通知说我们的实例在对外攻击',
    '服务器被当肉鸡对外扫描,网络被限制了',
    'we got an abuse notice that our server is attacking other hosts',
    'malicious outbound traffic from my instance, who has to fix it?',
    '我们的ECS在攻击别人,被阿里云封了',
    'Alibaba says our instance is sending attack traffic',
  ],
  'incident.vulnerability-exploited': [
    '应用漏洞被利用,服务器被打穿了',
    'Log4j漏洞被利用,被植入后门怎么办',
    'attackers exploited an RCE in our web app and got a shell',
    'an unpatched zero-day was exploited on our server, who owns the cleanup?',
    '服务器被黑了,是通过漏洞进来的',
    'hackers got in through an unpatched vulnerability in our app',
  ],
};

const hasText = (t: { zh: string; en: string } | undefined) => Boolean(t?.zh.trim() && t.en.trim());

describe('incidents in the knowledge base', () => {
  it('has every incident the issue asks for, and nothing unaccounted for', () => {
    expect(incidents.map((e) => e.id).sort()).toEqual(Object.keys(OWNERS).sort());
  });

  it.each(Object.entries(OWNERS))('%s is owned by %s', (id, owner) => {
    expect(kb.byId.get(id)?.owner).toBe(owner);
  });

  it.each(incidents.map((e) => [e.id, e] as [string, Entry]))('%s has both parts and three first steps in both languages', (_id, e) => {
    expect(hasText(e.response?.cloud)).toBe(true);
    expect(hasText(e.response?.customer)).toBe(true);
    expect(e.response?.first).toHaveLength(3);
    for (const step of e.response!.first) expect(hasText(step)).toBe(true);
  });

  it.each(incidents.map((e) => [e.id, e] as [string, Entry]))('%s links to at least one duty and one product, all resolving', (_id, e) => {
    const linked = e.related.map((id) => kb.byId.get(id));
    expect(linked.every(Boolean)).toBe(true);
    expect(linked.some((r) => r?.kind === 'duty' || r?.kind === 'item' || r?.kind === 'layer')).toBe(true);
    expect(linked.some((r) => r?.kind === 'product')).toBe(true);
  });

  it.each(incidents.map((e) => [e.id, e] as [string, Entry]))('%s has aliases and keywords in both languages', (_id, e) => {
    for (const list of [e.aliases.zh, e.aliases.en, e.keywords.zh, e.keywords.en]) expect(list.length).toBeGreaterThan(0);
  });

  it('writes questions for every incident, at least two per language', () => {
    expect(Object.keys(QUESTIONS).sort()).toEqual(Object.keys(OWNERS).sort());
    for (const qs of Object.values(QUESTIONS)) {
      expect(qs.filter((q) => /\p{Script=Han}/u.test(q)).length).toBeGreaterThanOrEqual(2);
      expect(qs.filter((q) => !/\p{Script=Han}/u.test(q)).length).toBeGreaterThanOrEqual(2);
    }
  });

  const cases = Object.entries(QUESTIONS).flatMap(([id, qs]) => qs.map((q) => [q, id] as [string, string]));
  it.each(cases)('"%s" ranks %s first', (q, id) => {
    const top = engine.rank(q).slice(0, 3).map((r) => `${r.id}:${r.score.toFixed(2)}`);
    expect(top[0]?.split(':')[0], top.join(' ')).toBe(id);
  });
});
