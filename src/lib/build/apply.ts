// The apply phase, made restartable. Before it changes the output, a build
// writes a journal of what it is about to do (the staged folders, what goes,
// the manifest to write last). Every step of the apply checks what is done
// already, so a build killed half-way is finished by the next build, before
// that one does anything else: the output is always the old site, the new
// site, or (for the moments of the apply) put right by the next run.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeManifest, writeManifest, type Manifest } from './manifest.ts';
import { overlay, swapIn, type Gone, type OverlayResult, type StagingPaths } from './output.ts';
import { deleteUnusedPhotoCopies } from './photos.ts';

/** What a build is about to do to its output. */
export type ApplyPlan =
  | { kind: 'overlay'; paths: StagingPaths; outDir: string; gone: Gone; livePhotos: string[]; manifestFile: string; manifest: Manifest }
  | { kind: 'swap'; fresh: string; oldSuffix: string; outDir: string; manifestFile: string; manifest: Manifest };

export interface ApplyResult {
  overlay?: OverlayResult;
  photosDeleted: number;
}

/** The journal of the build of the output whose manifest is `manifestFile`. */
export function journalFile(manifestFile: string): string {
  return manifestFile.replace(/\.json$/, '.apply.json');
}

/** Writes the journal, then applies the plan, writes the manifest last and removes the journal. */
export function applyPlan(plan: ApplyPlan, onStep: (step: string) => void = () => undefined): ApplyResult {
  const journal = journalFile(plan.manifestFile);
  mkdirSync(dirname(journal), { recursive: true });
  writeFileSync(`${journal}.tmp`, JSON.stringify(plan));
  renameSync(`${journal}.tmp`, journal);
  // Without a manifest the next build starts from scratch, so nothing half-done can mislead it.
  removeManifest(plan.manifestFile);
  onStep('before-apply');
  const result = carryOut(plan, onStep);
  onStep('before-manifest');
  writeManifest(plan.manifestFile, plan.manifest);
  rmSync(journal, { force: true });
  return result;
}

/** Finishes an apply a killed build left unfinished, if there is one; returns its plan. */
export function finishInterruptedApply(manifestFile: string): ApplyPlan | undefined {
  const journal = journalFile(manifestFile);
  if (!existsSync(journal)) return undefined;
  let plan: ApplyPlan;
  try {
    plan = JSON.parse(readFileSync(journal, 'utf8')) as ApplyPlan;
  } catch {
    rmSync(journal, { force: true }); // torn while being written: the apply never began
    return undefined;
  }
  carryOut(plan);
  writeManifest(plan.manifestFile, plan.manifest);
  rmSync(journal, { force: true });
  return plan;
}

function carryOut(plan: ApplyPlan, onStep: (step: string) => void = () => undefined): ApplyResult {
  if (plan.kind === 'swap') {
    swapIn(plan.fresh, plan.outDir, plan.oldSuffix, onStep);
    return { photosDeleted: 0 };
  }
  const result = overlay(plan.paths, plan.outDir, plan.gone, onStep);
  return { overlay: result, photosDeleted: deleteUnusedPhotoCopies(plan.outDir, new Set(plan.livePhotos)) };
}
