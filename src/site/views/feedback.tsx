import { FEEDBACK_LIMITS } from '../../audience/feedback.js';
import { feedbackPath } from '../../presentation/urls.js';

/** The public feedback form and its thank-you page. */

export interface FeedbackFormModel {
  values: { name: string; email: string; message: string };
  /** The same-site page the message is about (kept in a hidden field), or null. */
  from: string | null;
  /** What to fix, or why nothing was sent; the values are kept. */
  errors: string[];
}

export function FeedbackFormPage({ model }: { model: FeedbackFormModel }) {
  const v = model.values;
  const invalid = model.errors.length > 0;
  return (
    <div class="static-page">
      <h1>Give Feedback</h1>
      <p>
        Tell the newsroom what you think: a mistake in a story, something we missed, or how the site works for you. We read every message; we use your email
        address only to answer you.
      </p>
      {model.from ? (
        <p>
          About the page{' '}
          <a href={model.from} safe>
            {model.from}
          </a>
        </p>
      ) : (
        ''
      )}
      {invalid ? (
        <div class="notice" role="alert" id="feedback-errors" tabindex="-1">
          <p>Your message was not sent yet:</p>
          <ul>
            {model.errors.map((e) => (
              <li safe>{e}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <form method="post" action={feedbackPath} class="stack">
        {model.from ? <input type="hidden" name="from" value={model.from} /> : ''}
        <label for="fb-name">Your name (optional)</label>
        <input id="fb-name" name="name" type="text" autocomplete="name" maxlength={String(FEEDBACK_LIMITS.name)} value={v.name} />
        <label for="fb-email">Your email</label>
        <input
          id="fb-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxlength={String(FEEDBACK_LIMITS.email)}
          value={v.email}
          aria-describedby={invalid ? 'feedback-errors' : undefined}
        />
        <label for="fb-message">Your message</label>
        <textarea id="fb-message" name="message" rows="8" required maxlength={String(FEEDBACK_LIMITS.message)} aria-describedby="fb-message-hint" safe>
          {v.message}
        </textarea>
        <p id="fb-message-hint" safe>{`At most ${FEEDBACK_LIMITS.message} characters.`}</p>
        {/* A field people never see: software that fills in every field gives itself away. */}
        <div hidden>
          <label for="fb-website">Leave this field empty</label>
          <input id="fb-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
        </div>
        <button type="submit">Send feedback</button>
      </form>
    </div>
  );
}

export function FeedbackThanksPage({ back }: { back: string | null }) {
  return (
    <div class="message-page">
      <h1>Thank you</h1>
      <p>Your message has reached the newsroom. If it needs an answer, we will write to the address you gave.</p>
      <ul class="links">
        {back ? (
          <li>
            <a href={back}>Back to the page you were reading</a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a href="/">Front page</a>
        </li>
      </ul>
    </div>
  );
}
