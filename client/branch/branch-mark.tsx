/**
 * A branch's marks in the consoles: "Branch of K7QX-2M at 12:00" in the top bar, and the
 * "inherited" tag on whatever the branch carried over from its parent (chat, findings, feed, leads).
 */
import type { BranchInfo } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import './branch.css';

export function BranchOf(props: { branch: BranchInfo | undefined }) {
  const { branch } = props;
  if (!branch) return null;
  return (
    <span class="badge branch-of" data-testid="branch-of" title="A new session started from this moment of another; what it carried over is marked inherited">
      Branch of {branch.parentCode ?? 'another session'} at {formatHhmm(branch.at)}
    </span>
  );
}

export function InheritedTag(props: { item: { inherited?: true } }) {
  return props.item.inherited ? <span class="tag tag-inherited" data-testid="inherited-tag" title="Carried over from the session this branch started from">inherited</span> : null;
}
