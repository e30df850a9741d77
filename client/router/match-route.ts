/** Path patterns like "/host/:code": the whole router is a list of these, matched in order. */
export type RouteParams = Record<string, string>;

export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = split(pattern);
  const got = split(path);
  if (want.length !== got.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return null;
      }
      params[w.slice(1)] = value;
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

function split(path: string): string[] {
  return path.split('?')[0]!.split('#')[0]!.split('/').filter((p) => p.length > 0);
}

export function findRoute<R extends { path: string }>(routes: readonly R[], path: string): { route: R; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}
