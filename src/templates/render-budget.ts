import Handlebars from 'handlebars';
import { HelperError, type CallPlace } from './helper-error.js';

/**
 * Limits on what one section's render may do for one pod, past which a template is a
 * runaway rather than a pod. The rendered text's own limit (render-section.ts) is checked
 * only once the render is done: nested loops with empty bodies, or helpers nested in
 * themselves, could otherwise run for minutes or take gigabytes first.
 */

/** The most block steps: an `each` iteration; an `if`, `unless` or `with` block. */
const MAX_BLOCK_STEPS = 1_000_000;

/** The most text the helpers may return, all calls together: `quote` nested in itself doubles it each time. */
const MAX_HELPER_TEXT = 16 * 1024 * 1024;

let blockSteps = 0;
let helperText = 0;

/** Starts one section's render for one pod with a fresh budget. */
export function startRenderBudget(): void {
  blockSteps = 0;
  helperText = 0;
}

/** Counts a block helper's steps, refusing the one that goes past the budget. */
export function spendBlockSteps(steps: number, at: CallPlace | undefined): void {
  blockSteps += steps;
  if (blockSteps > MAX_BLOCK_STEPS) {
    throw new HelperError(`more than ${MAX_BLOCK_STEPS.toLocaleString('en-US')} block steps ({{#each}} iterations, {{#if}} and {{#with}} blocks) for one pod: nested loops over a large list, or a partial that calls itself?`, at);
  }
}

/** Counts a helper's result if it is text, and returns it. */
export function spendHelperText<T>(helper: string, result: T): T {
  const length = typeof result === 'string' ? result.length : result instanceof Handlebars.SafeString ? result.toString().length : 0;
  helperText += length;
  if (helperText > MAX_HELPER_TEXT) {
    throw new HelperError(`helper "${helper}" took the helpers' text for one pod past ${MAX_HELPER_TEXT.toLocaleString('en-US')} characters: a helper nested in itself, or called in a large loop?`);
  }
  return result;
}
