/** The room screen polls its view: a projector needs no socket, and a lost poll is retried. */
import type { RoomView } from '../../server/protocol/views.ts';

export async function fetchRoomView(code: string, signal?: AbortSignal): Promise<RoomView> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(code)}`, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as RoomView;
}
