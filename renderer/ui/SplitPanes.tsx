import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

/**
 * Two panes side by side with a handle between them, dragged or moved with the arrow keys; the
 * sizes are kept per split in this browser profile, so the layout a user made comes back.
 */
export function SplitPanes({
  id,
  label,
  first,
  second,
  minFirst = 320,
  minSecond = 400,
  defaultFirst = '40%',
}: {
  id: string;
  /** What the handle resizes, for screen readers. */
  label: string;
  first: ReactNode;
  /** None: the first pane alone, kept mounted (its scroll and focus stay) when the second comes and goes. */
  second: ReactNode | null;
  minFirst?: number;
  minSecond?: number;
  /** The first pane's share when the user has not sized this split yet. */
  defaultFirst?: `${number}%`;
}) {
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: `shardscope.split.${id}`,
    storage: localStorage,
    panelIds: second ? ['first', 'second'] : ['first'],
  });
  return (
    <Group orientation="horizontal" className="split" defaultLayout={defaultLayout} onLayoutChanged={onLayoutChanged}>
      <Panel id="first" className="split__pane" minSize={minFirst} defaultSize={second ? defaultFirst : '100%'}>
        {first}
      </Panel>
      {second && <Separator className="split__handle" aria-label={label} />}
      {second && (
        <Panel id="second" className="split__pane" minSize={minSecond}>
          {second}
        </Panel>
      )}
    </Group>
  );
}
