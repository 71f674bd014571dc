// `tracklint --version` from the bundle, against starting Node.js itself, measured in one run.
// Target: under 150 ms on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { median } from './support.ts';

export async function benchStartup(root: string): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
  const time = (args: string[]) => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const node: number[] = [];
  const version: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < 21; i++) {
    node.push(time(['-e', '']));
    version.push(time([path.join(root, 'dist/cli.js'), '--version']));
    check.push(time([path.join(root, 'dist/cli.js'), 'check', '--plan', path.join(root, 'examples/tracking-plan.yaml')]));
  }
  const [n, v, c] = [median(node), median(version), median(check)];
  console.log('start-up from dist/ (median of 21)');
  console.log(`  node -e ""                        ${n.toFixed(0)} ms`);
  console.log(`  tracklint --version               ${v.toFixed(0)} ms  (target < 150 ms: ${v < 150 ? 'met' : 'NOT MET'})`);
  console.log(`  tracklint check --plan (example)  ${c.toFixed(0)} ms`);
  console.log(`  --version / bare node             ${(v / n).toFixed(2)}x`);
}
