import type { SessionRegistry } from '../../core/sessions/session-registry';

/** What to ask before quitting while runs are writing, or null when nothing would be cut short. */
export function quitQuestion(sessions: Pick<SessionRegistry, 'list'>): { message: string; detail: string } | null {
  const runs = sessions.list().filter((s) => s.kind === 'run' && !s.isStopped) as { folder?: string }[];
  if (runs.length === 0) return null;
  const folders = runs.map((r) => r.folder ?? '').filter(Boolean);
  return {
    message:
      runs.length === 1
        ? 'An ingestion run is still writing. Quit anyway?'
        : `${runs.length} ingestion runs are still writing. Quit anyway?`,
    detail: `Quitting stops ${runs.length === 1 ? 'it' : 'them'} after the file in hand is completed; carry on later with Resume on the Runs page.\n${folders.join('\n')}`,
  };
}
