import { WhoownsError } from '../src/core/errors.js';
import type { CommandSpec } from './types.js';

// Scheduled digests arrive with the digest capability; until then the command says so plainly.
export const digest: CommandSpec = {
  name: 'digest',
  aliases: ['摘要'],
  access: 'posture',
  summary: { zh: '定时安全摘要(尚未实现)', en: 'Scheduled posture digests (not implemented yet)' },
  usage: { zh: ['/digest status'], en: ['/digest status'] },
  async run() {
    throw new WhoownsError('NOT_IMPLEMENTED', {
      zh: '定时摘要功能尚未实现。现在可以用 /posture 查看当前安全态势。',
      en: 'Scheduled digests are not implemented yet. Use /posture to see the current posture now.',
    });
  },
};
