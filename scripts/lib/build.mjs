// Rebuilds an output only when one of its inputs changed since the last build.
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { log, npmRun, root } from './system.mjs';

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** @param {{name:string, script:string, inputs:string[]}} target */
export function buildIfStale({ name, script, inputs }) {
  const stamp = path.join(root, 'dist', `.${name}.built`);
  const inputTime = Math.max(...inputs.map((i) => (existsSync(path.join(root, i)) && statSync(path.join(root, i)).isDirectory() ? newest(path.join(root, i)) : existsSync(path.join(root, i)) ? statSync(path.join(root, i)).mtimeMs : 0)));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputTime) return;
  log(`Building ${name}…`);
  const started = Date.now();
  npmRun(script);
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  log(`Built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export const SERVER = { name: 'server', script: 'build:server', inputs: ['apps/api/src', 'apps/worker/src', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'] };
export const DASHBOARD = { name: 'dashboard', script: 'build:dashboard', inputs: ['apps/dashboard/src', 'angular.json', 'apps/dashboard/tsconfig.app.json', 'package-lock.json'] };
