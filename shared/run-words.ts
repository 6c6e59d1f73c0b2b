import type { RunSummary } from './contract/runs';

type Outcome = RunSummary['outcome'];

/** How every host names how a run ended: the CLI's last line, the app's history and progress panel. */
export const runOutcomeWords: Record<Outcome, string> = {
  completed: 'completed',
  stopped: 'stopped',
  failed: 'failed',
};

/** The same word, starting a heading or a line. */
export function runOutcomeTitle(outcome: Outcome): string {
  const word = runOutcomeWords[outcome];
  return word.charAt(0).toUpperCase() + word.slice(1);
}
