/** The router: matches the path against `routes`, loads that page's chunk and renders it. */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { routes, type AppRoute, type PageProps } from './routes.ts';
import { findRoute } from './router/match-route.ts';
import { onLocationChange } from './router/navigate.ts';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { ProblemPage } from './components/problem-page.tsx';

type Loaded = { route: AppRoute; page: FunctionComponent<PageProps> };

export function App() {
  const [path, setPath] = useState(location.pathname);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => onLocationChange(() => setPath(location.pathname)), []);

  const match = findRoute(routes, path);
  useEffect(() => {
    if (!match) return;
    document.title = match.route.title(match.params);
    if (loaded?.route === match.route) return;
    let cancelled = false;
    setLoadError(null);
    match.route.load().then(
      (mod) => { if (!cancelled) setLoaded({ route: match.route, page: mod.default }); },
      (err: unknown) => { if (!cancelled) setLoadError(err instanceof Error ? err.message : String(err)); },
    );
    return () => { cancelled = true; };
  }, [path]);

  if (!match) return <NotFoundPage path={path} />;
  if (loadError) {
    return (
      <ProblemPage title="Could not load this page" topBar={false}>
        <p class="muted">{loadError}</p>
        <button type="button" class="btn" onClick={() => location.reload()}>Reload</button>
      </ProblemPage>
    );
  }
  if (!loaded || loaded.route !== match.route) return <main class="page-center" aria-busy="true"><p class="muted">Loading…</p></main>;
  const Page = loaded.page;
  // Keyed by path: moving between two sessions of the same page starts from a clean state.
  return <Page key={path} params={match.params} />;
}
