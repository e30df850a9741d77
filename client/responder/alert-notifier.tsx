/**
 * Noticing what is new without staring at the screen: the tab title carries the firing count,
 * and an opt-in toggle (off by default, remembered per browser) beeps and shows a browser
 * notification when a new critical alert fires.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FeedEntry } from '../../server/protocol/views.ts';

const STORAGE_KEY = 'incident-tabletop:alert-sound';

// localStorage can throw (private mode, quota): then the toggle is simply not remembered.
function remembered(): boolean {
  try { return localStorage.getItem(STORAGE_KEY) === 'on'; } catch { return false; }
}
function remember(on: boolean): void {
  try { localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off'); } catch { /* not remembered */ }
}

export function useTitleCount(firing: number, base: string): void {
  useEffect(() => {
    document.title = firing > 0 ? `(${firing} firing) ${base}` : base;
  }, [firing, base]);
}

function beep(): void {
  const AudioCtx = window.AudioContext;
  if (!AudioCtx) return;
  const ctx = new AudioCtx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.4);
  osc.onended = () => void ctx.close();
}

export function AlertNotifyToggle(props: { feed: FeedEntry[] }) {
  const [on, setOn] = useState(remembered);
  // Entries already known when the page loaded (or the toggle was switched on) never ring.
  const lastSeen = useRef(props.feed.reduce((m, f) => Math.max(m, f.entry), -1));
  useEffect(() => {
    const fresh = props.feed.filter((f) => f.entry > lastSeen.current);
    lastSeen.current = props.feed.reduce((m, f) => Math.max(m, f.entry), lastSeen.current);
    const critical = fresh.filter((f) => f.kind === 'alert' && f.severity === 'critical');
    if (!on || critical.length === 0) return;
    beep();
    if ('Notification' in window && Notification.permission === 'granted') {
      for (const f of critical) new Notification(f.title, { body: f.text, tag: `alert-${f.entry}` });
    }
  }, [props.feed, on]);

  const toggle = (next: boolean) => {
    setOn(next);
    remember(next);
    if (next && 'Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
  };
  return (
    <label class="checkbox small alert-toggle" title="Beep and show a browser notification when a critical alert fires">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.currentTarget.checked)} /> Alert me
    </label>
  );
}
