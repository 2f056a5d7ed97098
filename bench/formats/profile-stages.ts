/**
 * Where the time of a bench:formats run went, by pipeline stage, from a V8 CPU profile
 * (`npm run bench:formats -- --formats lido --records 2000 --cpu-prof DIR`):
 *
 *   node dist/bench/formats/profile-stages.js DIR/lido-2000.cpuprofile
 *
 * Each sample is charged to the innermost frame on its stack that lies in one of the hub's
 * folders (src/connectors → connector/parse, src/mapping → map, src/validation → validate,
 * src/store → publish/commit, …), so library code (saxes, fontoxpath, oxigraph, n3) counts for
 * the stage that called it; samples with no hub frame are idle, GC or start-up, as V8 names them.
 * Only the main thread is profiled: the store's replica workers load each commit on threads of
 * their own, beside it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stages by the hub folder a frame's file lies in, first match wins. */
const STAGES: [RegExp, string][] = [
  [/\/src\/connectors\//, 'connector + parse (src/connectors)'],
  [/\/src\/mapping\//, 'map (src/mapping)'],
  [/\/src\/validation\//, 'validate (src/validation)'],
  [/\/src\/store\//, 'publish: store commit (src/store)'],
  [/\/src\/pipeline\/(record-publisher|entity-iris|provenance|change-batch|steps\/publish)/, 'publish: writes + provenance (src/pipeline)'],
  [/\/src\/(pipeline\/matching|pipeline\/steps\/match|publication\/matching)/, 'match: entity matching (src/pipeline/matching, src/publication/matching)'],
  [/\/src\/publication\//, 'publication indexes (src/publication)'],
  [/\/src\/reports\//, 'run report (src/reports)'],
  [/\/src\/pipeline\//, 'pipeline, other (src/pipeline)'],
  [/\/src\/(core|config)\//, 'core/config (src/core, src/config)'],
  [/\/bench\//, 'bench harness (bench/)'],
];

/** The stage each sample (by index) was charged to by the last stageTimes call. */
const lastStageOf = new Map<number, string>();

export function stageTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = stageOf.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const hit = STAGES.find(([re]) => re.test(node.callFrame.url));
    const up = parent.get(id);
    const stage = hit ? hit[1] : up !== undefined ? resolve(up) : `no hub frame: ${node.callFrame.functionName || '(anonymous)'}`;
    stageOf.set(id, stage);
    return stage;
  };
  const times = new Map<string, number>();
  lastStageOf.clear();
  profile.samples.forEach((id, i) => {
    let stage = resolve(id);
    if (stage.startsWith('no hub frame')) {
      // V8's own pseudo-frames say what the thread was doing; the rest is node and module loading.
      const leaf = byId.get(id)!.callFrame.functionName;
      stage = /^\((idle|garbage collector|program)\)$/.test(leaf) ? `V8 ${leaf}` : 'no hub frame (node internals, module loading, timers)';
    }
    times.set(stage, (times.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    lastStageOf.set(i, stage);
  });
  return times;
}

/** The heaviest self-time functions (library frames included), for the "what exactly" under each stage. */
export function topFunctions(profile: CpuProfile, n: number, stage?: string): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (stage !== undefined && lastStageOf.get(i) !== stage) return;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(dist|wt-[^/]+|main)\//, '')}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => ({ name, ms }));
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-stages.js <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const times = stageTimes(profile);
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  console.log(`| stage | CPU s (main thread) | share |`);
  console.log(`|---|---:|---:|`);
  for (const [stage, ms] of [...times.entries()].sort((a, b) => b[1] - a[1])) {
    if (ms / total < 0.003) continue;
    console.log(`| ${stage} | ${(ms / 1000).toFixed(2)} | ${((ms / total) * 100).toFixed(1)} % |`);
  }
  console.log(`| total sampled | ${(total / 1000).toFixed(2)} | 100 % |`);
  console.log('');
  console.log('| heaviest functions (self time) | s |');
  console.log('|---|---:|');
  for (const f of topFunctions(profile, 15)) console.log(`| ${f.name.replace(/\|/g, '\\|')} | ${(f.ms / 1000).toFixed(2)} |`);
  console.log('');
  console.log('| stage | its heaviest functions (self s) |');
  console.log('|---|---|');
  const hubStages = [...times.entries()].filter(([name]) => !name.startsWith('V8') && !name.startsWith('no hub')).sort((a, b) => b[1] - a[1]).slice(0, 5);
  for (const [name] of hubStages) {
    console.log(`| ${name} | ${topFunctions(profile, 6, name).map((f) => `${f.name.replace(/\|/g, '\\|')} ${(f.ms / 1000).toFixed(2)}`).join('; ')} |`);
  }
}

main();
