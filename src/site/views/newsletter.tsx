import { newsletterPath } from '../../presentation/urls.js';

/** The newsletter's public pages: sign-up, confirmation, unsubscribing and preferences. None needs JavaScript. */

export interface Choice {
  value: string;
  label: string;
  checked: boolean;
}

export interface SignUpModel {
  email: string;
  editions: Choice[];
  sectors: Choice[];
  errors: string[];
}

function Choices({ legend, name, choices, hint }: { legend: string; name: string; choices: Choice[]; hint: string }) {
  return (
    <fieldset>
      <legend safe>{legend}</legend>
      <p class="hint" safe>
        {hint}
      </p>
      {choices.map((c) => (
        <label class="check">
          <input type="checkbox" name={name} value={c.value} checked={c.checked} /> <span safe>{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Errors({ errors, intro }: { errors: string[]; intro: string }) {
  if (errors.length === 0) return '';
  return (
    <div class="notice" role="alert" id="newsletter-errors" tabindex="-1">
      <p safe>{intro}</p>
      <ul>
        {errors.map((e) => (
          <li safe>{e}</li>
        ))}
      </ul>
    </div>
  );
}

/** A field people never see: software that fills in every field gives itself away. */
export function Honeypot({ id }: { id: string }) {
  return (
    <div hidden>
      <label for={id}>Leave this field empty</label>
      <input id={id} name="website" type="text" tabindex="-1" autocomplete="off" value="" />
    </div>
  );
}

export function NewsletterSignUpPage({ model, siteName }: { model: SignUpModel; siteName: string }) {
  return (
    <div class="static-page">
      <h1>Subscribe to our Newsletter</h1>
      <p
        safe
      >{`One email a day from ${siteName}: the day's top stories and what readers are reading, for the editions you choose, and the stories in the sectors you follow.`}</p>
      <Errors errors={model.errors} intro="You are not subscribed yet:" />
      <form method="post" action={newsletterPath} class="stack">
        <label for="nl-email">Your email</label>
        <input
          id="nl-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxlength="254"
          value={model.email}
          aria-describedby={model.errors.length ? 'newsletter-errors' : undefined}
        />
        <Choices
          legend="Editions"
          name="editions"
          choices={model.editions}
          hint="A digest for each edition you tick, in the morning of its time zone. None ticked: the main edition."
        />
        <Choices legend="Sectors" name="sectors" choices={model.sectors} hint="Optional: the day's stories in these sectors, at the end of each digest." />
        <Honeypot id="nl-website" />
        <button type="submit">Subscribe</button>
      </form>
      <p>
        We send a link to confirm the address first, and nothing else until it is confirmed. Every email has a link to unsubscribe in one click.{' '}
        <a href="/page/privacy-policy">Privacy policy</a>
      </p>
    </div>
  );
}

/** The footer's small form: an address, the page's edition, and the honeypot. */
export function FooterSignUp({ edition }: { edition: string | null }) {
  return (
    <form method="post" action={newsletterPath} class="footer-signup">
      <label for="footer-nl-email">Your email, for our daily newsletter</label>
      <input id="footer-nl-email" name="email" type="email" autocomplete="email" required maxlength="254" placeholder="you@example.org" />
      {edition ? <input type="hidden" name="editions" value={edition} /> : ''}
      <Honeypot id="footer-nl-website" />
      <button type="submit">Subscribe</button>
    </form>
  );
}

/** A page whose one action is a button (links in mail are opened by scanners; a POST is a person). */
export function ButtonPage({ title, message, action, token, button }: { title: string; message: string; action: string; token: string; button: string }) {
  return (
    <div class="message-page">
      <h1 safe>{title}</h1>
      <p safe>{message}</p>
      <form method="post" action={action}>
        <input type="hidden" name="t" value={token} />
        <button type="submit" safe>
          {button}
        </button>
      </form>
    </div>
  );
}

export interface PreferencesModel {
  token: string;
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed' | 'bouncing';
  editions: Choice[];
  sectors: Choice[];
  saved: boolean;
  errors: string[];
}

export function PreferencesPage({ model }: { model: PreferencesModel }) {
  const receiving = model.status === 'confirmed';
  const statusLine = {
    confirmed: 'You receive the daily digest at this address.',
    pending: 'This address is not confirmed yet: open the link in the confirmation email, or save your choices below to confirm now.',
    unsubscribed: 'You are unsubscribed: we send nothing to this address.',
    bouncing: 'Mail to this address was refused, so we stopped sending. Subscribe again if it works now.',
  }[model.status];
  return (
    <div class="static-page">
      <h1>Your newsletter</h1>
      <p>
        <strong safe>{model.email}</strong>
      </p>
      <p safe>{statusLine}</p>
      {model.saved ? (
        <p class="notice" role="status">
          Saved.
        </p>
      ) : (
        ''
      )}
      <Errors errors={model.errors} intro="Nothing was changed:" />
      <form method="post" action={`${newsletterPath}/preferences`} class="stack">
        <input type="hidden" name="t" value={model.token} />
        <Choices legend="Editions" name="editions" choices={model.editions} hint="A digest for each edition you tick. None ticked: the main edition." />
        <Choices legend="Sectors" name="sectors" choices={model.sectors} hint="The day's stories in these sectors, at the end of each digest." />
        <button type="submit">{receiving ? 'Save my choices' : 'Save and subscribe'}</button>
      </form>
      {receiving || model.status === 'pending' ? (
        <form method="post" action={`${newsletterPath}/unsubscribe`} class="stack">
          <input type="hidden" name="t" value={model.token} />
          <button type="submit">Unsubscribe</button>
        </form>
      ) : (
        ''
      )}
    </div>
  );
}
