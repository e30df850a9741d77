/**
 * Every page, by path. Pages are loaded on demand so the landing page stays light. To add a page
 * (e.g. the debrief at /debrief/:sessionId), append one entry here: `load` returns a module whose
 * default export is a component receiving the path params.
 */
import type { FunctionComponent } from 'preact';
import type { RouteParams } from './router/match-route.ts';

export interface PageProps {
  params: RouteParams;
}

export interface AppRoute {
  path: string;
  /** Document title while the page is shown. */
  title: (params: RouteParams) => string;
  load: () => Promise<{ default: FunctionComponent<PageProps> }>;
}

export const routes: AppRoute[] = [
  { path: '/', title: () => 'Incident Tabletop', load: () => import('./pages/landing-page.tsx') },
  { path: '/host/:code', title: (p) => `Host ${p.code} · Incident Tabletop`, load: () => import('./pages/host-page.tsx') },
  { path: '/join/:code', title: (p) => `Join ${p.code} · Incident Tabletop`, load: () => import('./pages/join-page.tsx') },
  { path: '/play/:code', title: (p) => `${p.code} · Incident Tabletop`, load: () => import('./pages/play-page.tsx') },
  { path: '/room/:code', title: (p) => `Room ${p.code} · Incident Tabletop`, load: () => import('./pages/room-page.tsx') },
  { path: '/debrief/:sessionId', title: () => 'Debrief · Incident Tabletop', load: () => import('./debrief/debrief-page.tsx') },
];
