import { ConnectionIndicator } from '../connections/ConnectionIndicator';
import { ProducerStatus } from '../sandbox/ProducerStatus';
import { StreamListPage } from '../streams/StreamListPage';

export function App() {
  return (
    <div className="frame">
      <header className="frame__header">
        <span className="brand">Shardscope</span>
        <ConnectionIndicator />
      </header>
      <nav className="frame__nav" aria-label="Main">
        <a className="nav-link nav-link--active" href="#streams" aria-current="page">
          Streams
        </a>
      </nav>
      <main className="frame__main">
        <StreamListPage />
      </main>
      <footer className="frame__status">
        <ProducerStatus />
      </footer>
    </div>
  );
}
