import { Csrf } from './desk-views.js';
import { deskUrls, type FeedbackAction } from './urls.js';

/** The newsroom's feedback inbox: readers' messages, newest first. */

export interface FeedbackItemModel {
  id: number;
  from: string;
  email: string;
  when: string;
  iso: string;
  status: string;
  /** The public page it is about (a same-site path), or null. */
  pageHref: string | null;
  /** Paragraphs, each a list of lines. */
  paragraphs: string[][];
  actions: { action: FeedbackAction; label: string }[];
}

export interface FeedbackInboxModel {
  heading: string;
  view: string;
  tabs: { label: string; href: string; current: boolean }[];
  items: FeedbackItemModel[];
  olderHref: string | null;
  csrfToken: string;
}

export function FeedbackInboxPage({ model }: { model: FeedbackInboxModel }) {
  return (
    <div>
      <h1>Feedback</h1>
      <nav aria-label="Feedback folders">
        <ul class="links inline">
          {model.tabs.map((t) => (
            <li>
              <a href={t.href} aria-current={t.current ? 'page' : undefined} safe>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 safe>{model.heading}</h2>
      {model.items.length === 0 ? <p>No messages here.</p> : ''}
      {model.items.map((f) => (
        <article class="feedback-item" aria-labelledby={`fb-${f.id}`}>
          <h3 id={`fb-${f.id}`}>
            <span safe>{f.from}</span>{' '}
            <a href={`mailto:${f.email}`} safe>
              {`<${f.email}>`}
            </a>
          </h3>
          <p>
            <time datetime={f.iso} safe>
              {f.when}
            </time>
            {' · '}
            <span safe>{f.status}</span>
            {f.pageHref ? (
              <>
                {' · About '}
                <a href={f.pageHref} safe>
                  {f.pageHref}
                </a>
              </>
            ) : (
              ''
            )}
          </p>
          <blockquote>
            {f.paragraphs.map((lines) => (
              <p>
                {lines.map((line, i) => (
                  <>
                    {i > 0 ? <br /> : ''}
                    <span safe>{line}</span>
                  </>
                ))}
              </p>
            ))}
          </blockquote>
          <div>
            {f.actions.map((a) => (
              <form method="post" action={deskUrls.feedbackStep(a.action)({ id: f.id })} class="inline">
                <Csrf token={model.csrfToken} />
                <input type="hidden" name="view" value={model.view} />
                <button type="submit" safe>
                  {a.label}
                </button>
              </form>
            ))}
          </div>
        </article>
      ))}
      {model.olderHref ? (
        <p>
          <a href={model.olderHref}>Older messages</a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
