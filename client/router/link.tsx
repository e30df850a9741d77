/** An <a> that navigates in-app on a plain left click and behaves like a link otherwise. */
import type { ComponentChildren } from 'preact';
import { navigate } from './navigate.ts';

export function Link(props: { href: string; class?: string; children: ComponentChildren }) {
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.href);
  };
  return <a href={props.href} class={props.class} onClick={onClick}>{props.children}</a>;
}
