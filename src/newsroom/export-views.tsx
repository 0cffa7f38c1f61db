/* The two downloads (export-routes.tsx), offered on the audience dashboard. */

export function ExportForms({ articlesPath, audiencePath }: { articlesPath: string; audiencePath: string }) {
  return (
    <section class="audience-block" aria-labelledby="exports-h">
      <h2 id="exports-h">Exports</h2>
      <form method="get" action={audiencePath} class="filters">
        <label for="x-from">Reads per story and day (CSV), from</label>
        <input id="x-from" name="from" type="date" />
        <label for="x-to">to</label>
        <input id="x-to" name="to" type="date" />
        <button type="submit">Download CSV</button>
      </form>
      <p>Without dates: the last 30 days (UTC), at most 366 days at a time.</p>
      <form method="get" action={articlesPath} class="filters">
        <label for="x-since">Published stories (ninjs JSON Lines), published since</label>
        <input id="x-since" name="since" type="date" />
        <label for="x-until">before</label>
        <input id="x-until" name="until" type="date" />
        <button type="submit">Download JSON Lines</button>
      </form>
    </section>
  );
}
