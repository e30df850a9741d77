import type { ComponentChildren } from 'preact';
import { TopBar } from './top-bar.tsx';

/** A page that cannot show what was asked: a title, why, and where to go instead. */
export function ProblemPage(props: { title: ComponentChildren; children: ComponentChildren; topBar?: boolean; alert?: boolean; testId?: string }) {
  const card = (
    <main class="page-center">
      <div class="card narrow" role={props.alert === false ? undefined : 'alert'} data-testid={props.testId}>
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </main>
  );
  if (props.topBar === false) return card;
  return (
    <div class="page">
      <TopBar />
      {card}
    </div>
  );
}
