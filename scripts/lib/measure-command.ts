/**
 * Runs a command and measures it: wall time, and CPU seconds of its whole process tree split
 * into browser processes and the harness's own Node processes.
 */
import { spawn } from 'node:child_process';
import { TreeCpuSampler } from './cpu.ts';

export interface CommandCost {
  exitCode: number;
  wallSeconds: number;
  cpuSeconds: number;
  browserCpuSeconds: number;
  nodeCpuSeconds: number;
  byCommand: Record<string, number>;
}

const NODE = /^(node|npm|npx|tsx|sh|bash|esbuild)$/;

export function measureCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, quiet = false, cwd = process.cwd()): Promise<CommandCost> {
  const started = performance.now();
  const child = spawn(cmd, args, { env, cwd, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  const sampler = new TreeCpuSampler(child.pid!).start();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      sampler.stop();
      const byCommand = sampler.byCommand();
      const cpu = sampler.seconds();
      const nodeCpu = sampler.seconds((c) => NODE.test(c));
      resolve({
        exitCode: code ?? 1,
        wallSeconds: (performance.now() - started) / 1000,
        cpuSeconds: cpu,
        browserCpuSeconds: cpu - nodeCpu,
        nodeCpuSeconds: nodeCpu,
        byCommand,
      });
    });
  });
}

if (process.argv[1]?.endsWith('measure-command.ts')) {
  const [cmd, ...args] = process.argv.slice(2);
  const cost = await measureCommand(cmd, args);
  const top = Object.entries(cost.byCommand)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, v]) => `${k}=${v.toFixed(1)}`)
    .join(' ');
  console.log(
    `measure: exit ${cost.exitCode}, wall ${cost.wallSeconds.toFixed(1)} s, cpu ${cost.cpuSeconds.toFixed(1)} s (browser ${cost.browserCpuSeconds.toFixed(1)}, node ${cost.nodeCpuSeconds.toFixed(1)})\n  ${top}`,
  );
  process.exit(cost.exitCode);
}
