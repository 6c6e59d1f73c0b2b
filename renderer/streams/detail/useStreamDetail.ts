import { useEffect } from 'react';
import { awsCliCommand } from '../../../shared/aws-cli';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi, useAppStore } from '../../app/store';

/** Everything the detail view shows, one call per panel so each can fail on its own. */
export function useStreamDetail(name: string) {
  const api = useApi();
  const markGone = useAppStore((state) => state.markStreamGone);
  const summary = useApiQuery(() => api.streams.describe({ name }), [api, name]);
  const shards = useApiQuery(() => api.streams.shards({ name }), [api, name]);
  const consumers = useApiQuery(() => api.streams.consumers({ name }), [api, name]);
  const tags = useApiQuery(() => api.streams.tags({ name }), [api, name]);
  const gone = summary.status === 'error' && summary.error.code === 'not-found';

  useEffect(() => {
    if (gone) markGone(name);
  }, [gone, markGone, name]);

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

  const reload = () => {
    summary.reload();
    shards.reload();
    consumers.reload();
    tags.reload();
  };

  return { summary, shards, consumers, tags, gone, cliCommand, reload };
}
