import pc from 'picocolors';
import type { Reply } from '../../chat/message.js';

// Reply → terminal text. Light markdown becomes bold/dim when colour is on and plain otherwise.

export function toConsoleText(reply: Reply, color: boolean): string {
  const p = color ? pc : { bold: (s: string) => s, dim: (s: string) => s, yellow: (s: string) => s, cyan: (s: string) => s };
  const md = (s: string) => s.replace(/\*\*(.+?)\*\*/g, (_m, t: string) => p.bold(t)).replace(/`([^`]+)`/g, (_m, t: string) => p.cyan(t));
  const out: string[] = [];
  if (reply.demo) out.push(p.yellow('[DEMO DATA 演示数据]'));
  for (const b of reply.blocks) {
    switch (b.type) {
      case 'header':
        out.push(p.bold(b.text));
        break;
      case 'text':
        out.push(md(b.text));
        break;
      case 'fields':
        out.push(b.fields.map((f) => `  ${p.bold(f.label)}: ${f.value}`).join('\n'));
        break;
      case 'context':
        out.push(p.dim(b.text));
        break;
      case 'divider':
        out.push(p.dim('─'.repeat(40)));
        break;
      case 'actions':
        out.push(p.dim(`→ ${b.buttons.map((x) => x.command).join('  |  ')}`));
        break;
    }
  }
  return `${out.join('\n')}\n`;
}
