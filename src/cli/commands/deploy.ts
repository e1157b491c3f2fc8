import { spawnSync } from 'node:child_process';
import { compile } from '../../compile.js';
import { compileInputs, EXIT_ERRORS, report, stackInputs, type CompileInputFlags } from '../context.js';

/**
 * Compiles, then pipes the stack into `docker stack deploy -c - STACK` with the options
 * after `--` passed through. A compile error deploys nothing. docker resolves the stack's
 * relative paths against the current folder (`-c -`): the output is written for it.
 */
export function runDeploy(stack: string, files: string[], dockerOptions: string[], flags: CompileInputFlags & { strict?: boolean }): number {
  const result = compile(stackInputs(files.length > 0 ? files : ['stack.yml']), { ...compileInputs(flags), strict: flags.strict, outputDir: process.cwd() });
  report(result.diagnostics, flags);
  if (result.yaml === undefined) return EXIT_ERRORS;
  const docker = spawnSync('docker', ['stack', 'deploy', ...dockerOptions, '-c', '-', stack], { input: result.yaml, stdio: ['pipe', 'inherit', 'inherit'] });
  if (docker.error) {
    const why = (docker.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the docker CLI is not installed, or not on PATH' : docker.error.message;
    process.stderr.write(`error: cannot run docker: ${why}; nothing was deployed\n`);
    return EXIT_ERRORS;
  }
  return docker.status ?? EXIT_ERRORS;
}
