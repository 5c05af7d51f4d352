// Option values for the benches. A bad value is refused before anything starts, with exit 2,
// saying what was wrong and what is accepted (English and Chinese: benches have no --lang).

export class BadOption extends Error {
  constructor(
    readonly option: string,
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}

export function positiveNumber(option: string, raw: string, opts: { integer?: boolean; allowZero?: boolean } = {}): number {
  const n = Number(raw.trim());
  const ok = raw.trim() !== '' && Number.isFinite(n) && (opts.allowZero ? n >= 0 : n > 0) && (!opts.integer || Number.isInteger(n));
  if (ok) return n;
  const what = `${opts.allowZero ? 'non-negative' : 'positive'} ${opts.integer ? 'integer' : 'number'}`;
  const zhWhat = `${opts.allowZero ? '非负' : '正'}${opts.integer ? '整数' : '数'}`;
  throw new BadOption(option, `--${option} must be a ${what}, got "${raw}".`, `--${option} 必须是${zhWhat},收到的是 "${raw}"。`);
}

/** "1,2,4" → [1, 2, 4]: positive, distinct, in the order given. */
export function scaleList(option: string, raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) {
    throw new BadOption(option, `--${option} takes a comma list of positive numbers such as 1,2,4; got "${raw}".`, `--${option} 需要逗号分隔的正数列表,例如 1,2,4;收到的是 "${raw}"。`);
  }
  const values = parts.map((p) => positiveNumber(option, p));
  if (new Set(values).size !== values.length) {
    throw new BadOption(option, `--${option} lists a scale twice ("${raw}"); give each once.`, `--${option} 中有重复的规模("${raw}"),每个只写一次。`);
  }
  return values;
}

export function oneOf<T extends string>(option: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new BadOption(option, `--${option} must be one of ${allowed.join(', ')}; got "${raw}".`, `--${option} 只能是 ${allowed.join('、')} 之一,收到的是 "${raw}"。`);
}

/** Run parse(); on a BadOption print both languages and exit 2, as the CLI does for bad values. */
export function parseOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof BadOption) && !(e instanceof TypeError && 'code' in e)) throw e;
    const msg = e instanceof BadOption ? `${e.en}\n${e.zh}` : `${e.message}\n选项有误:${e.message}`;
    process.stderr.write(`${msg}\n`);
    process.exit(2);
  }
}
