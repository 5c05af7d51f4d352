import { statSync, type Stats } from 'node:fs';
import { WhoownsError } from '../core/errors.js';

// A file that can hold secrets (the WHOOWNS_CONFIG file: webhook tokens, ExternalIds) must not
// be readable by every user on the machine. Checked before the file is read.

/** Throws CONFIG_FILE when `path` is readable by others. A missing file is left to the reader to report. */
export function assertNotWorldReadable(path: string, stat: (p: string) => Pick<Stats, 'mode'> = statSync, platform: NodeJS.Platform = process.platform): void {
  // Windows has no permission bits: node reports 0o666 for every file.
  if (platform === 'win32') return;
  let mode: number;
  try {
    mode = stat(path).mode;
  } catch {
    return;
  }
  if ((mode & 0o004) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  const arg = /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
  throw new WhoownsError('CONFIG_FILE', {
    zh: `配置文件 ${path} 对所有用户可读(权限 ${octal}),而它可能包含密钥,whoowns 拒绝读取。请运行 chmod 600 ${arg} 后重试。`,
    en: `The config file ${path} is readable by every user (mode ${octal}) and can hold secrets, so whoowns refuses to read it. Run chmod 600 ${arg} and try again.`,
  });
}
