import { useEffect } from 'react';
import { awsCliCommand } from '../../../shared/aws-cli';
import { loading } from '../../api/query-state';
import { useAppStore } from '../../state/store';

/** Everything the detail view shows, from the store; loaded when the stream is opened. */
export function useStreamDetail(name: string) {
  const detail = useAppStore((state) => (state.streamDetail?.name === name ? state.streamDetail : null));
  const load = useAppStore((state) => state.loadStreamDetail);

  useEffect(() => void load(name), [load, name]);

  const cliCommand = useAppStore((state) => {
    const active = state.connection;
    if (!active) return null;
    const profile = state.connectionList?.profiles.find((p) => p.name === active.profile);
    const awsProfile = profile?.source.type === 'aws-profile' ? profile.source.awsProfile : null;
    return awsCliCommand(
      'describe-stream-summary',
      { 'stream-name': name },
      { region: active.region, endpoint: active.endpoint, awsProfile },
    );
  });

  const summary = detail?.summary ?? loading;
  const gone = summary.status === 'error' && summary.error.code === 'not-found';
  return {
    summary,
    shards: detail?.shards ?? loading,
    tags: detail?.tags ?? loading,
    gone,
    cliCommand,
    reload: () => void load(name),
  };
}
