import { Link } from '../router/link.tsx';

export function NotFoundPage(props: { path: string }) {
  return (
    <main class="page-center">
      <div class="card narrow">
        <h1>Nothing here</h1>
        <p class="muted">No page answers to <code>{props.path}</code>.</p>
        <Link href="/" class="btn">Back to the start</Link>
      </div>
    </main>
  );
}
