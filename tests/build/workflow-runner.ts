// Runs a GitHub Actions workflow file on this machine the way GitHub's runner
// does, for tests: jobs in order, each job's and step's `if:` and every
// `${{ … }}` evaluated by GitHub's own expression library
// (@actions/expressions), each `run:` script run by `bash -e` in the checkout
// with the workflow's, job's and step's `env:`, step outputs read from
// $GITHUB_OUTPUT, and a failed step skipping the rest of its job. So the
// workflow file stays the one statement of what a publish does, and the test
// executes it rather than a copy of it.
//
// What cannot run here is emulated, each from a fixed table, and anything
// else (an unknown action, a step key or expression function we do not
// emulate) stops the run with an error naming it, so the workflow cannot grow
// a step the test silently skips:
// - actions/checkout: the test's clean clone is the checkout;
// - actions/setup-node: nothing (the clone's npm scripts run on the `node`
//   package in node_modules, Node 22, as on the runner);
// - actions/cache/restore and /save: a folder standing for GitHub's cache,
//   restore-keys matched by prefix, newest first, as GitHub does;
// - the `npm ci` line: node_modules linked from the repository under test.
//   A real `npm ci --prefer-offline` in a clone took 3 min 38 s on our 2-core
//   machine, too long for a test; the lock file it would install from is the
//   one the repository's own node_modules were installed from.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import yaml from 'js-yaml';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

interface Step {
  name?: string;
  id?: string;
  if?: string | boolean;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
}

interface Job {
  needs?: string | string[];
  if?: string | boolean;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
}

interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface RunnerOptions {
  /** The checkout: a clean clone of the repository. */
  workdir: string;
  /** github.event_name */
  event: 'push' | 'schedule' | 'workflow_dispatch';
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** The machine's environment for every process (PATH, HOME, the build's clock…). */
  env: Record<string, string>;
  /** The folder standing for GitHub's cache, kept between runs. */
  cacheStore: string;
  /** node_modules to link in place of `npm ci`. */
  nodeModules: string;
  /** Seconds one `run:` step may take. */
  stepTimeoutS?: number;
}

export interface StepResult {
  job: string;
  name: string;
  /** ran, skipped by its `if:` (or by an earlier failure), or failed */
  outcome: 'success' | 'skipped' | 'failure';
  output: string;
  outputs: Record<string, string>;
}

export interface WorkflowRun {
  steps: StepResult[];
  jobs: Record<string, { outcome: 'success' | 'skipped' | 'failure'; outputs: Record<string, string> }>;
  /** The step that failed, if one did. */
  failed: StepResult | undefined;
}

const STEP_KEYS = new Set(['name', 'id', 'if', 'uses', 'with', 'run', 'env']);
const JOB_KEYS = new Set(['name', 'needs', 'if', 'env', 'outputs', 'steps', 'runs-on', 'timeout-minutes', 'permissions', 'environment']);
/** Counted up across runs in one process, as github.run_id is across a repository's runs. */
let runId = 1000;

/** Evaluates one expression (without `${{ }}`) against the contexts. */
export function evaluate(expression: string, contexts: Record<string, Plain>): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), []).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, context).evaluate();
}

/** Replaces every `${{ … }}` in `text` by its value as a string. */
export function substitute(text: string, contexts: Record<string, Plain>): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => evaluate(expression.trim(), contexts).coerceString());
}

/** Whether an `if:` holds: a bare expression or one in `${{ }}`; absent means the job has not failed. */
function condition(value: string | boolean | undefined, contexts: Record<string, Plain>): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  const bare = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(value)?.[1] ?? value;
  return truthy(evaluate(bare.trim(), contexts));
}

function evaluateEnv(env: Record<string, string> | undefined, contexts: Record<string, Plain>): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([key, value]) => [key, substitute(String(value), contexts)]));
}

/** Parses a $GITHUB_OUTPUT file's `name=value` lines. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    if (line.includes('<<')) throw new Error(`multi-line step outputs are not emulated: ${line}`);
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`not a step output: ${line}`);
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

function bash(
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeoutS: number,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const file = join(mkdtempSync(join(tmpdir(), 'dateline-step-')), 'step.sh');
    writeFileSync(file, script);
    const child = spawn('bash', ['-e', file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

function lines(value: string | number | boolean | undefined): string[] {
  return String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The emulated actions: what each does here, and its outputs. */
function runAction(
  uses: string,
  inputs: Record<string, string>,
  options: RunnerOptions,
): { output: string; outputs: Record<string, string> } {
  const action = uses.replace(/@.*$/, '');
  switch (action) {
    case 'actions/checkout':
      if (!existsSync(join(options.workdir, '.git'))) throw new Error(`${options.workdir} is not a git checkout`);
      return { output: 'checkout: the test clone', outputs: {} };
    case 'actions/setup-node':
      return { output: `setup-node: node ${inputs['node-version']} from node_modules`, outputs: {} };
    case 'actions/cache/restore': {
      const prefixes = [inputs.key!, ...lines(inputs['restore-keys'])];
      const saved = existsSync(options.cacheStore)
        ? readdirSync(options.cacheStore)
            .map((key) => ({ key, at: statSync(join(options.cacheStore, key)).mtimeMs }))
            .sort((a, b) => b.at - a.at)
        : [];
      const exact = saved.find((entry) => entry.key === inputs.key);
      const found = exact ?? prefixes.slice(1).flatMap((prefix) => saved.filter((entry) => entry.key.startsWith(prefix)))[0];
      if (!found) return { output: `cache not found for ${prefixes.join(', ')}`, outputs: { 'cache-hit': 'false' } };
      for (const path of lines(inputs.path)) {
        const from = join(options.cacheStore, found.key, path);
        if (existsSync(from)) cpSync(from, join(options.workdir, path), { recursive: true, preserveTimestamps: true });
      }
      return {
        output: `cache restored from key: ${found.key}`,
        outputs: { 'cache-hit': String(exact !== undefined), 'cache-matched-key': found.key },
      };
    }
    case 'actions/cache/save': {
      const into = join(options.cacheStore, inputs.key!);
      if (existsSync(into)) throw new Error(`cache key ${inputs.key} already exists (GitHub refuses to overwrite a cache entry)`);
      mkdirSync(into, { recursive: true });
      for (const path of lines(inputs.path)) {
        const from = join(options.workdir, path);
        if (existsSync(from)) cpSync(from, join(into, path), { recursive: true, preserveTimestamps: true });
      }
      return { output: `cache saved with key: ${inputs.key}`, outputs: {} };
    }
    default:
      throw new Error(`the test runner does not emulate ${uses}: add it to tests/build/workflow-runner.ts`);
  }
}

/** Runs every job of the workflow file `file` for one event. */
export async function runWorkflow(file: string, options: RunnerOptions): Promise<WorkflowRun> {
  const workflow = yaml.load(readFileSync(file, 'utf8')) as Workflow;
  runId += 1;
  const github = { event_name: options.event, run_id: String(runId), ref: 'refs/heads/main', workspace: options.workdir };
  const base = { github, vars: options.vars, secrets: options.secrets } as Record<string, Plain>;
  const workflowEnv = evaluateEnv(workflow.env, base);
  const run: WorkflowRun = { steps: [], jobs: {}, failed: undefined };

  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const key of Object.keys(job)) if (!JOB_KEYS.has(key)) throw new Error(`job ${jobName}: "${key}" is not emulated`);
    const needs = [job.needs ?? []].flat();
    const needsContext: Record<string, Plain> = {};
    for (const need of needs) {
      const done = run.jobs[need];
      if (!done) throw new Error(`job ${jobName} needs ${need}, which comes later in the file`);
      needsContext[need] = { result: done.outcome, outputs: done.outputs };
    }
    const upstreamOk = needs.every((need) => run.jobs[need]!.outcome === 'success');
    if (!upstreamOk || !condition(job.if, { ...base, needs: needsContext })) {
      run.jobs[jobName] = { outcome: 'skipped', outputs: {} };
      continue;
    }

    const env = { ...workflowEnv, ...evaluateEnv(job.env, { ...base, needs: needsContext, env: workflowEnv }) };
    const steps: Record<string, Plain> = {};
    let failed = false;
    for (const [index, step] of (job.steps ?? []).entries()) {
      for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) throw new Error(`step ${step.name ?? index}: "${key}" is not emulated`);
      const name = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index}`;
      const contexts = { ...base, needs: needsContext, env, steps };
      const result: StepResult = { job: jobName, name, outcome: 'skipped', output: '', outputs: {} };
      run.steps.push(result);
      if (failed || !condition(step.if, contexts)) continue;

      const stepEnv = { ...env, ...evaluateEnv(step.env, contexts) };
      if (step.uses !== undefined) {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), contexts)]),
        );
        Object.assign(result, runAction(step.uses, inputs, options), { outcome: 'success' });
      } else if (step.run !== undefined) {
        const script = substitute(step.run, contexts);
        if (/^npm ci\b/.test(script.trim())) {
          symlinkSync(options.nodeModules, join(options.workdir, 'node_modules'), 'dir');
          Object.assign(result, { output: `npm ci: node_modules linked from ${options.nodeModules}`, outcome: 'success' });
        } else {
          const outputFile = join(mkdtempSync(join(tmpdir(), 'dateline-output-')), 'output');
          writeFileSync(outputFile, '');
          const ran = await bash(
            script,
            options.workdir,
            {
              ...options.env,
              CI: 'true',
              GITHUB_ACTIONS: 'true',
              GITHUB_EVENT_NAME: options.event,
              GITHUB_WORKSPACE: options.workdir,
              GITHUB_OUTPUT: outputFile,
              ...stepEnv,
            },
            options.stepTimeoutS ?? 240,
          );
          result.output = ran.output;
          result.outputs = readOutputs(outputFile);
          rmSync(outputFile, { force: true });
          result.outcome = ran.status === 0 ? 'success' : 'failure';
        }
      } else throw new Error(`step ${name} has neither run nor uses`);

      if (step.id) steps[step.id] = { outputs: result.outputs, outcome: result.outcome, conclusion: result.outcome };
      if (result.outcome === 'failure') {
        failed = true;
        run.failed ??= result;
      }
    }
    const outputs = evaluateEnv(job.outputs, { ...base, needs: needsContext, env, steps });
    run.jobs[jobName] = { outcome: failed ? 'failure' : 'success', outputs };
  }
  return run;
}
