import { describe, expect, it } from 'vitest';
import { findRoute, matchPath } from './match-route.ts';

describe('routes', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/host/:code', '/host/K7QX-2M')).toEqual({ code: 'K7QX-2M' });
    expect(matchPath('/host/:code', '/host/K7QX-2M/')).toEqual({ code: 'K7QX-2M' });
    expect(matchPath('/debrief/:sessionId', '/debrief/a%20b')).toEqual({ sessionId: 'a b' });
  });
  it('refuses other shapes and broken escapes', () => {
    expect(matchPath('/host/:code', '/host')).toBeNull();
    expect(matchPath('/host/:code', '/join/K7QX-2M')).toBeNull();
    expect(matchPath('/play/:code', '/play/%E0%A4%A')).toBeNull();
  });
  it('finds the first matching route', () => {
    const routes = [{ path: '/' }, { path: '/join/:code' }, { path: '/join/new' }];
    expect(findRoute(routes, '/join/new')?.route.path).toBe('/join/:code');
    expect(findRoute(routes, '/nope')).toBeNull();
  });
});
