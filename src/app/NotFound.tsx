export function NotFound({ route }: { route: string }) {
  return (
    <main id="main" tabIndex={-1} className="not-found">
      <h1>Not found</h1>
      <p>
        There is no panel at <code>{route}</code>.
      </p>
      <p>
        <a href="#/">Go to the poster overview</a>
      </p>
    </main>
  );
}
