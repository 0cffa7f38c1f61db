export interface HomePlaceholderModel {
  siteName: string;
  tagline: string;
  headlines: { id: number; headline: string; publishedAt: string }[];
}

/** The stand-in front page: the latest headlines, newest first. */
export function HomePlaceholder(model: HomePlaceholderModel): string {
  return (
    '<!doctype html>' +
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{model.siteName}</title>
        </head>
        <body>
          <header>
            <h1 safe>{model.siteName}</h1>
            <p safe>{model.tagline}</p>
          </header>
          <main>
            <h2>Latest News</h2>
            <ol>
              {model.headlines.map((h) => (
                <li>
                  <span safe>{h.headline}</span> <time datetime={h.publishedAt} safe>{`${h.publishedAt.slice(0, 16).replace("T", " ")} UTC`}</time>
                </li>
              ))}
            </ol>
          </main>
        </body>
      </html>
    )
  );
}
