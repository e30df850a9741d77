import { ProblemPage } from '../components/problem-page.tsx';
import { Link } from '../router/link.tsx';

export function NotFoundPage(props: { path: string }) {
  return (
    <ProblemPage title="Nothing here" topBar={false} alert={false}>
      <p class="muted">No page answers to <code>{props.path}</code>.</p>
      <Link href="/" class="btn">Back to the start</Link>
    </ProblemPage>
  );
}
