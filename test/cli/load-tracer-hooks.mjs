// Runs on the loader thread: appends each resolved URL to the trace file (synchronously, so a
// process that exits at once still leaves a complete trace).
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data?.file;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (file) appendFileSync(file, `${result.url}\n`);
  return result;
}
