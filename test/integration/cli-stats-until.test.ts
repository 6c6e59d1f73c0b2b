import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startKinesisServer, type RunningKinesisServer } from '../support/local-kinesis';
import { put } from '../support/reading';
import { arrangeClient, createStream } from '../support/sdk';

describe('stats --until', () => {
  let server: RunningKinesisServer;
  const stats = (...args: string[]) => runCli(['stats', 'metered', ...args, '--endpoint', server.endpoint]);

  beforeAll(async () => {
    server = await startKinesisServer('kinesalite');
    const client = arrangeClient(server);
    await createStream(client, 'metered', 1);
    await put(client, 'metered', [{ key: 'a', data: '{"n":1}' }]);
    client.destroy();
  });
  afterAll(() => server?.stop());

  it('stops by itself at a time still to come', async () => {
    // From a minute back, so a slow start of the CLI past the moment still ends the meter at the tip rather than refusing.
    const until = Date.now() + 3_000;
    const result = await stats('--from', '-1m', '--until', new Date(until).toISOString(), '--interval', '500ms', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    // How many intervals fit depends on the CLI's start-up time, so only that there are some, each timed.
    const lines = result.stdout.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('time');
  });

  it('from an older start, measures the read of the backlog until caught up', async () => {
    const result = await stats('--from', 'oldest', '--until', 'caught-up', '--json');
    expect(result.code, result.stderr).toBe(0);
  });

  it.each([
    ['caught-up', /--until caught-up would stop the meter at once: from --from newest it is caught up already/],
    ['5m', /--until is \d{4}-.*, already past: .*"5m" means 5 minutes ago/],
  ])('from newest, --until %s is refused with what to type instead', async (end, why) => {
    const result = await stats('--until', end);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(why);
    expect(result.stderr).toMatch(/--duration 5m.*--until 2026-03-01T13:00:00Z.*--from -1h --until caught-up/s);
    expect(result.stdout).toBe('');
  });

  it('takes the forms of the shared parser and lists them for anything else', async () => {
    const result = await stats('--until', 'tomorrow');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/"tomorrow" is not an end\. --until takes one of:[\s\S]*caught-up[\s\S]*-5m/);
  });
});
