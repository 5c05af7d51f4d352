import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED } from './instance-common.js';

const meta: CheckMeta = {
  id: 'ecs.instance.no-key-pair',
  title: { en: 'Linux instance without an SSH key pair', zh: 'Linux 实例未绑定 SSH 密钥对' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.secure-login',
  products: ['product.ssh-key-pair', 'product.session-manager'],
  references: ['ecs-instance-login-use-keypair'],
  remediation: {
    why: {
      en: 'Without a key pair the instance relies on password login, which can be guessed or reused. Who can log in to the guest OS, and how, is yours to manage.',
      zh: '不绑定密钥对就只能依赖密码登录,密码可能被猜中或被复用。谁能以何种方式登录操作系统由您管理。',
    },
    console: {
      en: '1. ECS console > Network & Security > Key Pairs: create or import a key pair.\n2. Bind it to {resource} (takes effect after a restart).\n3. Disable password login for SSH (PasswordAuthentication no) once the key works; consider Session Manager instead of SSH.',
      zh: '1. ECS 控制台 > 网络与安全 > 密钥对:创建或导入密钥对。\n2. 把它绑定到 {resource}(重启后生效)。\n3. 确认密钥可用后关闭 SSH 密码登录(PasswordAuthentication no);也可以改用会话管理。',
    },
    cli: 'aliyun ecs AttachKeyPair --RegionId {region} --KeyPairName <key-pair-name> --InstanceIds \'["{resourceId}"]\'',
  },
  needs: [INSTANCES_NEED],
};

export const noKeyPair = defineCheck(meta, (ctx) =>
  eachInstance(ctx, meta.needs, (i, r) => {
    const os = i.osType.toLowerCase();
    if (os === 'windows') {
      return result('skip', r, say(r, (l) => `${l} runs Windows; key pairs apply to Linux only.`, (l) => `${l}运行 Windows,密钥对仅适用于 Linux。`));
    }
    if (os !== 'linux') return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its OS type', zh: '其操作系统类型' });
    if (i.keyPairName) {
      return result('pass', r, say(r, (l) => `${l} uses key pair ${i.keyPairName}.`, (l) => `${l}已绑定密钥对 ${i.keyPairName}。`));
    }
    return result('fail', r, say(r, (l) => `${l} is a Linux instance with no SSH key pair; logins rely on passwords.`, (l) => `${l}是未绑定 SSH 密钥对的 Linux 实例,登录依赖密码。`));
  }),
);
