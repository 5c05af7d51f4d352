import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('whoowns kb show <incident>', () => {
  it('prints both parts and the first three steps, in order, after the body', async () => {
    const r = await cli(['kb', 'show', 'incident.accesskey-leak']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Leaked AccessKey {2}\[incident\.accesskey-leak\]\nKind: incident {4}Owner: You \(customer\)\n/);
    expect(r.stdout).toMatch(/\n\nAlibaba Cloud's part: Alibaba Cloud keeps the platform's .+\nYour part: Disabling, rotating and investigating are yours\..+\n/);
    expect(r.stdout).toMatch(/\nFirst:\n1\. Disable the key now: RAM console > Users > AccessKey > Disable .+\n2\. .+\n3\. .+ActionTrail.+\n/);
    expect(r.stdout.indexOf('Your part:')).toBeGreaterThan(r.stdout.indexOf('An AccessKey is a long-lived credential'));
  });

  it('prints the response in Chinese with --lang zh', async () => {
    const r = await cli(['kb', 'show', '--lang', 'zh', 'incident.host-failure']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n阿里云的部分:硬件故障由阿里云处理/);
    expect(r.stdout).toMatch(/\n您的部分:让业务扛得住一次重启是您的事。/);
    expect(r.stdout).toMatch(/\n首先:\n1\. 在ECS控制台“事件”里.+\n2\. .+\n3\. .+\n/);
  });

  it('--json keeps the response as data', async () => {
    const e = JSON.parse((await cli(['kb', 'show', '--json', 'incident.ddos'])).stdout);
    expect(e.owner).toBe('shared');
    expect(e.response.first).toHaveLength(3);
    expect(Object.keys(e.response).sort()).toEqual(['cloud', 'customer', 'first']);
  });

  it('an entry without a response prints no response section', async () => {
    const r = await cli(['kb', 'show', 'customer.backup']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/Your part:|First:/);
  });

  it('kb list --kind incident lists the incidents', async () => {
    const r = await cli(['kb', 'list', '--kind', 'incident']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/incident\.ransomware +incident +customer/);
    expect(r.stdout).toMatch(/\n12 entries\n$/);
  });
});
