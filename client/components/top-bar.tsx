/** The application bar every page shares: the product mark on the left, page context on the right. */
import type { ComponentChildren } from 'preact';
import { Link } from '../router/link.tsx';

export function TopBar(props: { children?: ComponentChildren; context?: ComponentChildren }) {
  return (
    <header class="top-bar">
      <Link href="/" class="brand">
        <span class="brand-mark" aria-hidden="true" />
        <span>Incident Tabletop</span>
      </Link>
      {props.context && <div class="top-bar-context">{props.context}</div>}
      <div class="top-bar-right">{props.children}</div>
    </header>
  );
}
