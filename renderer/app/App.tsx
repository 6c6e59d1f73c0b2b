import { ConnectionIndicator } from '../connections/ConnectionIndicator';
import { ConnectionSwitcher } from '../connections/ConnectionSwitcher';
import { ConnectionsPage } from '../connections/ConnectionsPage';
import { PermissionsPage } from '../permissions/PermissionsPage';
import { AuditPage } from '../audit/AuditPage';
import { PreviewPage } from '../preview/PreviewPage';
import { RunsPage } from '../runs/RunsPage';
import { SearchPage } from '../search/SearchPage';
import { FailuresPage } from '../redrive/FailuresPage';
import { ThroughputPage } from '../throughput/ThroughputPage';
import { ProducerStatus } from '../sandbox/ProducerStatus';
import { StreamListPage } from '../streams/StreamListPage';
import { ConsumersPanel } from '../consumers/ConsumersPanel';
import { WriteDialogs } from '../writes/WriteDialogs';
import { ChangeDialogs } from '../admin/ChangeDialogs';
import { MoveCheckpointDialogs } from '../consumers/MoveCheckpointDialog';
import { HostLinkNotice } from './HostLinkNotice';
import { LaggingNotice } from './LaggingNotice';
import { navigation } from '../state/navigation-slice';
import { CommandPalette } from '../palette/CommandPalette';
import { ViewLinks } from '../views/ViewLinks';
import { useShortcuts } from '../ui/shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAppStore } from '../state/store';

// tinykeys' $mod is ⌘ on Apple platforms and Ctrl elsewhere; the button names the one that works here.
const onMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The stream detail shows its consumers; the consumers feature is wired in here, not imported by streams. */
const consumersPanelOf = (stream: string) => <ConsumersPanel stream={stream} />;

export function App() {
  const page = useAppStore((state) => state.page);
  const goTo = useAppStore((state) => state.goTo);
  const { helpOpen, closeHelp, paletteOpen, openPalette, closePalette } = useShortcuts();

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="frame__header">
        <span className="brand">Shardscope</span>
        <ConnectionIndicator />
        <span className="frame__spacer" />
        <button type="button" className="button palette-button" onClick={openPalette} aria-keyshortcuts={onMac ? 'Meta+K' : 'Control+K'}>
          Go to… <kbd>{onMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <ConnectionSwitcher />
      </header>
      <nav className="frame__nav" aria-label="Main">
        {navigation.map((item) => (
          <button
            key={item.page}
            type="button"
            className={item.page === page ? 'nav-link nav-link--active' : 'nav-link'}
            aria-current={item.page === page ? 'page' : undefined}
            onClick={() => goTo(item.page)}
          >
            {item.label}
          </button>
        ))}
      </nav>
      <main className="frame__main" id="main" tabIndex={-1}>
        {page === 'streams' && <StreamListPage consumersOf={consumersPanelOf} />}
        {page === 'preview' && <PreviewPage />}
        {page === 'throughput' && <ThroughputPage />}
        {page === 'runs' && <RunsPage />}
        {page === 'search' && <SearchPage />}
        {page === 'failures' && <FailuresPage />}
        {page === 'permissions' && <PermissionsPage />}
        {page === 'audit' && <AuditPage />}
        {page === 'connections' && <ConnectionsPage />}
      </main>
      <WriteDialogs />
      <ChangeDialogs />
      <MoveCheckpointDialogs />
      {helpOpen && <ShortcutsDialog onClose={closeHelp} />}
      {paletteOpen && <CommandPalette onClose={closePalette} />}
      <ViewLinks />
      <footer className="frame__status">
        <ProducerStatus />
        <LaggingNotice />
        <HostLinkNotice />
      </footer>
    </div>
  );
}
